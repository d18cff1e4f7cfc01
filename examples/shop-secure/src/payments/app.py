"""Payments: card charges for the storefront, refunds for the admin tool, and Stripe events.

Card data never reaches this function: the storefront collects it with Stripe.js and sends a
PaymentMethod id. Stripe events arrive on an EventBridge partner bus, not on a public webhook.
"""

import json
import logging
import os
import time
from urllib.parse import urlsplit

import boto3
import requests

logger = logging.getLogger()
logger.setLevel(os.environ.get("LOG_LEVEL", "INFO"))

payments_table = boto3.resource("dynamodb").Table(os.environ["PAYMENTS_TABLE"])
secrets_client = boto3.client("secretsmanager")
STRIPE_API = "https://api.stripe.com/v1"
STRIPE_SECRET_ARN = os.environ["STRIPE_SECRET_ARN"]
CALLBACK_HOSTS = frozenset(h.strip() for h in os.environ.get("CALLBACK_HOSTS", "").split(",") if h.strip())
CURRENCIES = frozenset({"eur", "usd", "gbp"})
_cache = {}


def _stripe_key():
    # Fixed: the key is fetched from Secrets Manager at run time and kept for the container's life.
    if "stripe_key" not in _cache:
        _cache["stripe_key"] = secrets_client.get_secret_value(SecretId=STRIPE_SECRET_ARN)["SecretString"]
    return _cache["stripe_key"]


def handler(event, context):
    if event.get("action") == "refund":
        return refund(event)
    if str(event.get("source", "")).startswith("aws.partner/stripe.com"):
        return stripe_event(event)
    if event.get("routeKey") == "POST /payments/charge":
        return charge(event)
    return _response(404, {"message": "not found"})


def charge(event):
    body = json.loads(event.get("body") or "{}")
    order_id = body.get("order_id")
    amount = body.get("amount")
    currency = body.get("currency", "eur")
    payment_method = body.get("payment_method")
    if not (isinstance(order_id, str) and isinstance(amount, int) and 50 <= amount <= 1_000_000):
        return _response(400, {"message": "invalid order or amount"})
    if currency not in CURRENCIES or not str(payment_method).startswith("pm_"):
        return _response(400, {"message": "invalid currency or payment method"})
    # Fixed: only identifiers are logged, never the request.
    logger.info("charge requested for order %s", order_id)
    form = {
        "amount": amount,
        "currency": currency,
        "payment_method": payment_method,
        "confirm": "true",
        "metadata[order_id]": order_id,
    }
    headers = {"Idempotency-Key": f"charge-{order_id}"}
    # Fixed: TLS certificates are verified (requests' default is kept).
    resp = requests.post(
        f"{STRIPE_API}/payment_intents", data=form, headers=headers, auth=(_stripe_key(), ""), timeout=10
    )
    if resp.status_code >= 400:
        logger.warning("stripe refused the charge for order %s: %s", order_id, resp.status_code)
        return _response(402, {"message": "payment declined"})
    result = resp.json()
    payments_table.put_item(
        Item={
            "payment_id": result["id"],
            "order_id": order_id,
            "amount": amount,
            "payment_status": result.get("status", "unknown"),
            "created_at": int(time.time()),
        }
    )
    if body.get("callback_url"):
        _notify_callback(body["callback_url"], order_id, result.get("status"))
    return _response(200, {"payment_id": result["id"], "status": result.get("status")})


def _notify_callback(url, order_id, status):
    # Fixed: callbacks go only to allow-listed HTTPS hosts, without following redirects.
    parts = urlsplit(url)
    if parts.scheme != "https" or parts.hostname not in CALLBACK_HOSTS or parts.port not in (None, 443):
        logger.warning("callback host refused for order %s", order_id)
        return
    requests.post(url, json={"order_id": order_id, "status": status}, timeout=5, allow_redirects=False)


def refund(event):
    form = {"payment_intent": event["payment_id"]}
    if event.get("amount"):
        form["amount"] = int(event["amount"])
    resp = requests.post(f"{STRIPE_API}/refunds", data=form, auth=(_stripe_key(), ""), timeout=10)
    resp.raise_for_status()
    result = resp.json()
    payments_table.update_item(
        Key={"payment_id": event["payment_id"]},
        UpdateExpression="SET payment_status = :s, refund_id = :r",
        ExpressionAttributeValues={":s": "REFUNDED", ":r": result["id"]},
    )
    return {"refund_id": result["id"], "status": result.get("status")}


def stripe_event(event):
    if event.get("detail-type") == "charge.refunded":
        charge_object = event["detail"]["data"]["object"]
        payments_table.update_item(
            Key={"payment_id": charge_object["payment_intent"]},
            UpdateExpression="SET payment_status = :s",
            ExpressionAttributeValues={":s": "REFUNDED"},
        )
    return {"handled": event.get("detail-type")}


def _response(status, body):
    return {
        "statusCode": status,
        "headers": {"content-type": "application/json"},
        "body": json.dumps(body),
    }
