"""Order API: create, get and list orders (HTTP API, payload format 2.0, Cognito JWT on every route)."""

import hashlib
import json
import logging
import os
import re
import secrets
import time
import uuid
from decimal import Decimal

import boto3
from boto3.dynamodb.conditions import Attr, Key

logger = logging.getLogger()
logger.setLevel(os.environ.get("LOG_LEVEL", "INFO"))

dynamodb = boto3.resource("dynamodb")
sqs = boto3.client("sqs")
orders_table = dynamodb.Table(os.environ["ORDERS_TABLE"])
INVENTORY_TABLE = os.environ["INVENTORY_TABLE"]
ORDER_QUEUE_URL = os.environ["ORDER_QUEUE_URL"]

# Fixed: discounts come from an allow-list of promotion codes, never from an expression.
PROMOTIONS = {"WELCOME10": Decimal("0.10"), "SPRING5": Decimal("0.05")}
STATUS_FILTERS = frozenset({"PENDING_PAYMENT", "PAID", "SHIPPED", "REFUNDED"})
SKU_PATTERN = re.compile(r"[A-Z0-9-]{1,32}")
MAX_LINES = 50
MAX_QUANTITY = 100


class BadRequest(Exception):
    """A request the client can fix; `reason` is safe to show to the client."""

    def __init__(self, reason):
        super().__init__(reason)
        self.reason = reason


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
    except BadRequest as exc:
        return _response(400, {"message": exc.reason})
    except Exception:
        logger.exception("order request failed")
        # Fixed: the client gets a request id to quote, never the exception text.
        return _response(500, {"message": "internal error", "request_id": context.aws_request_id})


def create_order(event):
    claims = event["requestContext"]["authorizer"]["jwt"]["claims"]
    body = _json_body(event)
    lines = _validated_lines(body.get("items"))
    # Fixed: prices come from the catalogue, not from the client (no cart cookie either).
    prices = _catalogue_prices([line["sku"] for line in lines])
    total = sum((prices[line["sku"]] * line["quantity"] for line in lines), Decimal("0"))
    promo_code = body.get("promo_code")
    if promo_code is not None:
        if promo_code not in PROMOTIONS:
            raise BadRequest("unknown promotion code")
        total = (total * (1 - PROMOTIONS[promo_code])).quantize(Decimal("0.01"))
    order_id = str(uuid.uuid4())
    # Fixed: the order access token comes from the secrets module and only its hash is stored.
    access_token = secrets.token_urlsafe(24)
    orders_table.put_item(
        Item={
            "order_id": order_id,
            "customer_id": claims["sub"],
            "customer_email": claims.get("email", ""),
            "items": lines,
            "total": total,
            "order_status": "PENDING_PAYMENT",
            "access_token_sha256": hashlib.sha256(access_token.encode()).hexdigest(),
            "created_at": int(time.time()),
        }
    )
    message = {"type": "order_created", "order_id": order_id, "customer_email": claims.get("email")}
    sqs.send_message(QueueUrl=ORDER_QUEUE_URL, MessageBody=json.dumps(message))
    return _response(201, {"order_id": order_id, "access_token": access_token, "total": total})


def get_order(event):
    claims = event["requestContext"]["authorizer"]["jwt"]["claims"]
    order_id = event["pathParameters"]["id"]
    item = orders_table.get_item(Key={"order_id": order_id}).get("Item")
    # Fixed: only the owner sees an order; others get the same 404 as for a missing one.
    if item is None or item.get("customer_id") != claims["sub"]:
        return _response(404, {"message": "order not found"})
    return _response(200, _public(item))


def list_orders(event):
    claims = event["requestContext"]["authorizer"]["jwt"]["claims"]
    params = event.get("queryStringParameters") or {}
    query = {"IndexName": "by-customer", "KeyConditionExpression": Key("customer_id").eq(claims["sub"])}
    status = params.get("status")
    if status is not None:
        # Fixed: the filter is built with the condition builder from an allow-listed value.
        if status not in STATUS_FILTERS:
            raise BadRequest("unknown status")
        query["FilterExpression"] = Attr("order_status").eq(status)
    result = orders_table.query(**query)
    return _response(200, {"orders": [_public(item) for item in result.get("Items", [])]})


def _json_body(event):
    try:
        body = json.loads(event.get("body") or "{}")
    except json.JSONDecodeError:
        raise BadRequest("body is not JSON") from None
    if not isinstance(body, dict):
        raise BadRequest("body must be a JSON object")
    return body


def _validated_lines(raw):
    if not isinstance(raw, list) or not 0 < len(raw) <= MAX_LINES:
        raise BadRequest(f"items must be a list of 1 to {MAX_LINES} lines")
    lines = []
    for line in raw:
        sku = line.get("sku") if isinstance(line, dict) else None
        quantity = line.get("quantity") if isinstance(line, dict) else None
        if not isinstance(sku, str) or not SKU_PATTERN.fullmatch(sku):
            raise BadRequest("invalid sku")
        if not isinstance(quantity, int) or not 0 < quantity <= MAX_QUANTITY:
            raise BadRequest("invalid quantity")
        lines.append({"sku": sku, "quantity": quantity})
    return lines


def _catalogue_prices(skus):
    keys = [{"sku": sku} for sku in sorted(set(skus))]
    response = dynamodb.batch_get_item(
        RequestItems={INVENTORY_TABLE: {"Keys": keys, "ProjectionExpression": "sku, price"}}
    )
    if response.get("UnprocessedKeys"):
        raise RuntimeError("catalogue lookup throttled")
    prices = {item["sku"]: Decimal(str(item["price"])) for item in response["Responses"][INVENTORY_TABLE]}
    if len(prices) != len(keys):
        raise BadRequest("unknown sku")
    return prices


def _public(item):
    return {key: value for key, value in item.items() if key != "access_token_sha256"}


def _response(status, body):
    return {
        "statusCode": status,
        "headers": {"content-type": "application/json"},
        "body": json.dumps(body, default=str),
    }
