"""Payments for the Serverless Framework variant (REST API, payload format 1.0).

INSECURE ON PURPOSE: every deliberate problem is marked with a "# VULN:" comment.
"""

import json
import logging
import os

import requests

logger = logging.getLogger()
STRIPE_KEY = os.environ["STRIPE_SECRET_KEY"]


def handler(event, context):
    # VULN: sensitive-data-exposure: whole event logged, the body carries the card number
    logger.info("payment event: %s", json.dumps(event))
    body = json.loads(event.get("body") or "{}")
    if event["resource"] == "/webhooks/stripe":
        return {"statusCode": 200, "body": "{}"}
    # VULN: insecure-transport: TLS certificate verification disabled
    resp = requests.post("https://api.stripe.com/v1/charges", data=body, auth=(STRIPE_KEY, ""), timeout=10, verify=False)
    if body.get("callback_url"):
        # VULN: ssrf: callback URL from the request body fetched by the function
        requests.get(body["callback_url"], timeout=5)
    return {"statusCode": 200, "body": resp.text}
