"""Notifications: consumes order events from SQS, e-mails the customer (SES), fans out on SNS."""

import json
import logging
import os

import boto3

logger = logging.getLogger()
logger.setLevel(os.environ.get("LOG_LEVEL", "INFO"))

ses = boto3.client("ses")
sns = boto3.client("sns")
orders_table = boto3.resource("dynamodb").Table(os.environ["ORDERS_TABLE"])
TOPIC_ARN = os.environ["ORDER_EVENTS_TOPIC_ARN"]
SENDER = os.environ["SENDER_EMAIL"]


def handler(event, context):
    # Fixed: only message ids are logged, never the messages with customer data.
    logger.info("received %d messages", len(event["Records"]))
    failures = []
    for record in event["Records"]:
        try:
            notify(json.loads(record["body"]))
        except Exception:
            logger.exception("notification failed for message %s", record["messageId"])
            failures.append({"itemIdentifier": record["messageId"]})
    return {"batchItemFailures": failures}


def notify(message):
    order = orders_table.get_item(Key={"order_id": message["order_id"]}).get("Item") or {}
    ses.send_email(
        Source=SENDER,
        Destination={"ToAddresses": [message["customer_email"]]},
        Message={
            "Subject": {"Data": f"Your order {message['order_id']}"},
            "Body": {"Text": {"Data": f"Thank you! Order total: {order.get('total', '?')} EUR."}},
        },
    )
    sns.publish(
        TopicArn=TOPIC_ARN,
        Message=json.dumps({"type": message["type"], "order_id": message["order_id"]}),
        MessageAttributes={"type": {"DataType": "String", "StringValue": message["type"]}},
    )
