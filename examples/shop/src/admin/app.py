"""Admin: refunds and order search for the support team (HTTP API, payload format 2.0).

INSECURE ON PURPOSE: every deliberate problem is marked with a "# VULN:" comment.
"""

import json
import logging
import os

import boto3
from boto3.dynamodb.conditions import Attr

logger = logging.getLogger()
logger.setLevel(os.environ.get("LOG_LEVEL", "INFO"))

lambda_client = boto3.client("lambda")
orders_table = boto3.resource("dynamodb").Table(os.environ["ORDERS_TABLE"])
PAYMENTS_FUNCTION = os.environ["PAYMENTS_FUNCTION_NAME"]


def handler(event, context):
    route = event.get("routeKey")
    if route == "POST /admin/refunds":
        return refund(event)
    if route == "GET /admin/orders":
        return search(event)
    return _response(404, {"message": "not found"})


# VULN: broken-access-control: no check that the caller is an administrator
def refund(event):
    body = json.loads(event.get("body") or "{}")
    order = orders_table.get_item(Key={"order_id": body["order_id"]}).get("Item")
    if order is None or "payment_id" not in order:
        return _response(404, {"message": "no payment for this order"})
    request = {"action": "refund", "payment_id": order["payment_id"], "amount": body.get("amount")}
    result = lambda_client.invoke(FunctionName=PAYMENTS_FUNCTION, Payload=json.dumps(request).encode())
    refund_result = json.loads(result["Payload"].read())
    orders_table.update_item(
        Key={"order_id": body["order_id"]},
        UpdateExpression="SET order_status = :s",
        ExpressionAttributeValues={":s": "REFUNDED"},
    )
    return _response(200, refund_result)


def search(event):
    params = event.get("queryStringParameters") or {}
    email = params.get("email", "")
    result = orders_table.scan(FilterExpression=Attr("customer_email").eq(email))
    return _response(200, {"orders": result.get("Items", [])})


def _response(status, body):
    return {
        "statusCode": status,
        "headers": {"content-type": "application/json"},
        "body": json.dumps(body, default=str),
    }
