# Benchmark case (false): exception logged server side; the response carries a generic message
import json
import logging
import os

import boto3

logger = logging.getLogger()
table = boto3.resource("dynamodb").Table(os.environ.get("TABLE", "orders"))


def handler(event, context):
    try:
        item = table.get_item(Key={"pk": event["pathParameters"]["id"]})["Item"]
        return {"statusCode": 200, "body": json.dumps(item, default=str)}
    except Exception:
        logger.exception("lookup failed")
        return {"statusCode": 500, "body": json.dumps({"error": "internal error"})}
