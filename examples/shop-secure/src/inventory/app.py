"""Inventory: stock levels in DynamoDB, the partner stock API (REST, SigV4) and the restock job."""

import json
import logging
import os
import re

import boto3
import yaml
from boto3.dynamodb.conditions import Attr

logger = logging.getLogger()
logger.setLevel(os.environ.get("LOG_LEVEL", "INFO"))

inventory_table = boto3.resource("dynamodb").Table(os.environ["INVENTORY_TABLE"])
REORDER_LEVEL = 5
MAX_FEED_BYTES = 256 * 1024
MAX_FEED_LINES = 1000
SKU_PATTERN = re.compile(r"[A-Z0-9-]{1,32}")
WAREHOUSES = frozenset({"main", "north", "south"})


def handler(event, context):
    if event.get("action") == "restock":
        return restock()
    method = event.get("httpMethod")
    resource = event.get("resource")
    if method == "GET" and resource == "/partner/stock/{sku}":
        return get_stock(event["pathParameters"]["sku"])
    if method == "POST" and resource == "/partner/stock-feed":
        return import_feed(event.get("body") or "")
    return _response(404, {"message": "not found"})


def get_stock(sku):
    if not SKU_PATTERN.fullmatch(sku):
        return _response(400, {"message": "invalid sku"})
    item = inventory_table.get_item(Key={"sku": sku}).get("Item")
    if item is None:
        return _response(404, {"message": "unknown sku"})
    return _response(200, {"sku": sku, "quantity": int(item["quantity"])})


def import_feed(body):
    if len(body) > MAX_FEED_BYTES:
        return _response(413, {"message": "feed too large"})
    # Fixed: safe_load builds only plain data, and every line is validated before it is written.
    try:
        feed = yaml.safe_load(body)
    except yaml.YAMLError:
        return _response(400, {"message": "feed is not valid YAML"})
    lines = feed.get("items") if isinstance(feed, dict) else None
    if not isinstance(lines, list) or len(lines) > MAX_FEED_LINES:
        return _response(400, {"message": "feed must have an items list"})
    rows = [_validated_line(line) for line in lines]
    if None in rows:
        return _response(400, {"message": "invalid feed line"})
    with inventory_table.batch_writer() as batch:
        for row in rows:
            batch.put_item(Item=row)
    return _response(202, {"imported": len(rows)})


def _validated_line(line):
    if not isinstance(line, dict):
        return None
    sku, quantity = line.get("sku"), line.get("quantity")
    warehouse = line.get("warehouse", "main")
    if not isinstance(sku, str) or not SKU_PATTERN.fullmatch(sku):
        return None
    if not isinstance(quantity, int) or not 0 <= quantity <= 1_000_000 or warehouse not in WAREHOUSES:
        return None
    return {"sku": sku, "quantity": quantity, "warehouse": warehouse}


def restock():
    low = inventory_table.scan(FilterExpression=Attr("quantity").lt(REORDER_LEVEL)).get("Items", [])
    for item in low:
        inventory_table.update_item(
            Key={"sku": item["sku"]},
            UpdateExpression="SET reorder_pending = :t",
            ExpressionAttributeValues={":t": True},
        )
    logger.info("flagged %d items for reorder", len(low))
    return {"flagged": len(low)}


def _response(status, body):
    return {
        "statusCode": status,
        "headers": {"content-type": "application/json"},
        "body": json.dumps(body),
    }
