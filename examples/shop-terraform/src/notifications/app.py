"""Order-queue consumer for the Terraform variant (SQS).

INSECURE ON PURPOSE: every deliberate problem is marked with a "# VULN:" comment.
"""

import json
import logging
import os

import boto3

logger = logging.getLogger()
orders_table = boto3.resource("dynamodb").Table(os.environ["ORDERS_TABLE"])


def handler(event, context):
    # VULN: sensitive-data-exposure: whole batch logged
    logger.info("batch: %s", json.dumps(event))
    for record in event["Records"]:
        message = json.loads(record["body"])
        orders_table.update_item(
            Key={"order_id": message["order_id"]},
            UpdateExpression="SET notified = :t",
            ExpressionAttributeValues={":t": True},
        )
