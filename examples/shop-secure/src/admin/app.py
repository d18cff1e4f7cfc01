"""Admin: refunds and order search for the support team (HTTP API behind AdminAuthorizer)."""

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
    # Fixed: defence in depth, the function checks the authorizer's verdict as well.
    if not _is_admin(event):
        return _response(403, {"message": "forbidden"})
    route = event.get("routeKey")
    if route == "POST /admin/refunds":
        return refund(event)
    if route == "GET /admin/orders":
        return search(event)
    return _response(404, {"message": "not found"})


def _is_admin(event):
    context = event.get("requestContext", {}).get("authorizer", {}).get("lambda") or {}
    return "admin" in str(context.get("groups", "")).split(",")


def refund(event):
    body = json.loads(event.get("body") or "{}")
    order_id, amount = body.get("order_id"), body.get("amount")
    if not isinstance(order_id, str) or (amount is not None and not isinstance(amount, int)):
        return _response(400, {"message": "invalid refund request"})
    order = orders_table.get_item(Key={"order_id": order_id}).get("Item")
    if order is None or "payment_id" not in order:
        return _response(404, {"message": "no payment for this order"})
    request = {"action": "refund", "payment_id": order["payment_id"], "amount": amount}
    result = lambda_client.invoke(FunctionName=PAYMENTS_FUNCTION, Payload=json.dumps(request).encode())
    refund_result = json.loads(result["Payload"].read())
    orders_table.update_item(
        Key={"order_id": order_id},
        UpdateExpression="SET order_status = :s",
        ExpressionAttributeValues={":s": "REFUNDED"},
    )
    admin = event["requestContext"]["authorizer"]["lambda"].get("sub", "?")
    logger.info("order %s refunded by %s", order_id, admin)
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
