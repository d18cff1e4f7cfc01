"""Order API: create, get and list orders (HTTP API, payload format 2.0).

INSECURE ON PURPOSE: every deliberate problem is marked with a "# VULN:" comment.
"""

import base64
import json
import logging
import os
import pickle
import random
import string
import time
import uuid
from decimal import Decimal

import boto3

logger = logging.getLogger()
logger.setLevel(os.environ.get("LOG_LEVEL", "INFO"))

dynamodb = boto3.resource("dynamodb")
sqs = boto3.client("sqs")
orders_table = dynamodb.Table(os.environ["ORDERS_TABLE"])
ORDER_QUEUE_URL = os.environ["ORDER_QUEUE_URL"]


def handler(event, context):
    route = event.get("routeKey", "")
    try:
        if route == "POST /orders":
            return create_order(event)
        if route == "GET /orders/{id}":
            return get_order(event)
        if route == "GET /orders":
            return list_orders(event)
        return _response(404, {"message": "not found"})
    except Exception as e:
        logger.exception("order request failed")
        # VULN: sensitive-data-exposure: internal error text returned to the client
        return _response(500, {"error": str(e)})


def create_order(event):
    claims = event["requestContext"]["authorizer"]["jwt"]["claims"]
    body = json.loads(event.get("body") or "{}")
    items = _restore_cart(event) or body.get("items", [])
    total = sum(Decimal(str(item["price"])) * int(item["quantity"]) for item in items)
    if body.get("discount"):
        # VULN: injection-code: eval of a discount expression taken from the request body
        total = Decimal(str(eval(body["discount"], {}, {"total": float(total)})))
    order_id = str(uuid.uuid4())
    # VULN: broken-access-control: order access token drawn from random, not secrets
    access_token = "".join(random.choices(string.ascii_letters + string.digits, k=24))
    orders_table.put_item(
        Item={
            "order_id": order_id,
            "customer_id": claims["sub"],
            "customer_email": claims.get("email", ""),
            "items": items,
            "total": total,
            "order_status": "PENDING_PAYMENT",
            "access_token": access_token,
            "created_at": int(time.time()),
        }
    )
    message = {"type": "order_created", "order_id": order_id, "customer_email": claims.get("email")}
    sqs.send_message(QueueUrl=ORDER_QUEUE_URL, MessageBody=json.dumps(message))
    return _response(201, {"order_id": order_id, "access_token": access_token, "total": total})


def _restore_cart(event):
    for cookie in event.get("cookies") or []:
        name, _, value = cookie.partition("=")
        if name == "cart":
            # VULN: deserialization: pickle.loads of a client-controlled cookie
            return pickle.loads(base64.b64decode(value))
    return None


def get_order(event):
    order_id = event["pathParameters"]["id"]
    item = orders_table.get_item(Key={"order_id": order_id}).get("Item")
    if item is None:
        return _response(404, {"message": "order not found"})
    # VULN: broken-access-control: order returned without checking who asks for it
    return _response(200, item)


def list_orders(event):
    claims = event["requestContext"]["authorizer"]["jwt"]["claims"]
    params = event.get("queryStringParameters") or {}
    if claims.get("custom:role") == "admin":
        field = params.get("field", "order_status")
        value = params.get("value", "PAID")
        # VULN: injection-nosql: FilterExpression built from query-string input
        result = orders_table.scan(FilterExpression=f"{field} = :v", ExpressionAttributeValues={":v": value})
    else:
        result = orders_table.query(
            IndexName="by-customer",
            KeyConditionExpression="customer_id = :c",
            ExpressionAttributeValues={":c": claims["sub"]},
        )
    return _response(200, {"orders": result.get("Items", [])})


def _response(status, body):
    return {
        "statusCode": status,
        "headers": {"content-type": "application/json"},
        "body": json.dumps(body, default=str),
    }
