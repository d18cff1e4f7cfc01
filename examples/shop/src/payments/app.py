"""Payments: card charges for the storefront, refunds for the admin tool, and the Stripe webhook.

INSECURE ON PURPOSE: every deliberate problem is marked with a "# VULN:" comment.
"""

import hashlib
import hmac
import json
import logging
import os
import time

import boto3
import requests

logger = logging.getLogger()
logger.setLevel(os.environ.get("LOG_LEVEL", "INFO"))

payments_table = boto3.resource("dynamodb").Table(os.environ["PAYMENTS_TABLE"])
STRIPE_API = "https://api.stripe.com/v1"
# VULN: hardcoded-secret: Stripe live key hard-coded as a fallback
STRIPE_KEY = os.environ.get("STRIPE_SECRET_KEY", "sk_live_51FaasguardShopHardcodedKey000000000000000000XyZ")
WEBHOOK_SECRET = os.environ.get("STRIPE_WEBHOOK_SECRET", "")


def handler(event, context):
    if event.get("action") == "refund":
        return refund(event)
    route = event.get("routeKey")
    if route == "POST /payments/charge":
        return charge(event)
    if route == "POST /webhooks/stripe":
        return webhook(event)
    return _response(404, {"message": "not found"})


def charge(event):
    # VULN: sensitive-data-exposure: whole event logged, the body carries the card number
    logger.info("charge request: %s", json.dumps(event))
    body = json.loads(event["body"])
    card = body["card"]
    form = {
        "amount": body["amount"],
        "currency": body.get("currency", "eur"),
        "source[object]": "card",
        "source[number]": card["number"],
        "source[exp_month]": card["exp_month"],
        "source[exp_year]": card["exp_year"],
        "source[cvc]": card["cvc"],
        "metadata[order_id]": body["order_id"],
    }
    # VULN: insecure-transport: TLS certificate verification disabled
    resp = requests.post(f"{STRIPE_API}/charges", data=form, auth=(STRIPE_KEY, ""), timeout=10, verify=False)
    result = resp.json()
    payments_table.put_item(
        Item={
            "payment_id": result["id"],
            "order_id": body["order_id"],
            "amount": int(body["amount"]),
            "payment_status": result.get("status", "unknown"),
            "created_at": int(time.time()),
        }
    )
    callback_url = body.get("callback_url")
    if callback_url:
        # VULN: ssrf: callback URL from the request body fetched by the function
        requests.get(callback_url, params={"order_id": body["order_id"], "status": result.get("status")}, timeout=5)
    return _response(200, {"payment_id": result["id"], "status": result.get("status")})


def refund(event):
    form = {"charge": event["payment_id"]}
    if event.get("amount"):
        form["amount"] = event["amount"]
    resp = requests.post(f"{STRIPE_API}/refunds", data=form, auth=(STRIPE_KEY, ""), timeout=10)
    result = resp.json()
    payments_table.update_item(
        Key={"payment_id": event["payment_id"]},
        UpdateExpression="SET payment_status = :s, refund_id = :r",
        ExpressionAttributeValues={":s": "REFUNDED", ":r": result.get("id", "")},
    )
    return {"refund_id": result.get("id"), "status": result.get("status")}


def webhook(event):
    payload = event.get("body") or ""
    signature = (event.get("headers") or {}).get("stripe-signature")
    # VULN: broken-access-control: signature only checked when the header is present (fails open)
    if signature and not _signature_ok(payload, signature):
        return _response(400, {"message": "bad signature"})
    stripe_event = json.loads(payload)
    if stripe_event.get("type") == "charge.refunded":
        charge_id = stripe_event["data"]["object"]["id"]
        payments_table.update_item(
            Key={"payment_id": charge_id},
            UpdateExpression="SET payment_status = :s",
            ExpressionAttributeValues={":s": "REFUNDED"},
        )
    return _response(200, {"received": True})


def _signature_ok(payload, header):
    parts = dict(part.split("=", 1) for part in header.split(",") if "=" in part)
    signed = f"{parts.get('t', '')}.{payload}".encode()
    expected = hmac.new(WEBHOOK_SECRET.encode(), signed, hashlib.sha256).hexdigest()
    return hmac.compare_digest(expected, parts.get("v1", ""))


def _response(status, body):
    return {
        "statusCode": status,
        "headers": {"content-type": "application/json"},
        "body": json.dumps(body),
    }
