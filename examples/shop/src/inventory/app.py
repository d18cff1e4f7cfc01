"""Inventory: stock levels in DynamoDB, the partner stock API (REST) and the hourly restock job.

Runs on the python3.7 runtime, so it sticks to syntax that runtime understands.
INSECURE ON PURPOSE: every deliberate problem is marked with a "# VULN:" comment.
"""

import json
import logging
import os

import boto3
import yaml
from boto3.dynamodb.conditions import Attr

logger = logging.getLogger()
logger.setLevel(os.environ.get("LOG_LEVEL", "INFO"))

inventory_table = boto3.resource("dynamodb").Table(os.environ["INVENTORY_TABLE"])
REORDER_LEVEL = 5


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
    item = inventory_table.get_item(Key={"sku": sku}).get("Item")
    if item is None:
        return _response(404, {"message": "unknown sku"})
    return _response(200, {"sku": sku, "quantity": int(item["quantity"])})


def import_feed(body):
    # VULN: deserialization: yaml.load with the unsafe Loader on a partner-supplied feed
    feed = yaml.load(body, Loader=yaml.Loader)
    lines = feed.get("items", [])
    with inventory_table.batch_writer() as batch:
        for line in lines:
            batch.put_item(
                Item={
                    "sku": str(line["sku"]),
                    "quantity": int(line["quantity"]),
                    "warehouse": str(line.get("warehouse", "main")),
                }
            )
    return _response(202, {"imported": len(lines)})


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
