"""Notifications for the Serverless Framework variant: SQS order messages and SNS order events."""

import json
import logging
import os

import boto3

logger = logging.getLogger()
orders_table = boto3.resource("dynamodb").Table(os.environ["ORDERS_TABLE"])


def handler(event, context):
    for record in event["Records"]:
        if record.get("EventSource") == "aws:sns":
            message = json.loads(record["Sns"]["Message"])
        else:
            message = json.loads(record["body"])
        order = orders_table.get_item(Key={"order_id": message["order_id"]}).get("Item")
        logger.info("order %s has status %s", message["order_id"], (order or {}).get("order_status"))
