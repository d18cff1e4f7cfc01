"""Order API for the Serverless Framework variant (HTTP API, payload format 2.0).

INSECURE ON PURPOSE: every deliberate problem is marked with a "# VULN:" comment.
"""

import json
import os
import random
import uuid

import boto3

orders_table = boto3.resource("dynamodb").Table(os.environ["ORDERS_TABLE"])
sqs = boto3.client("sqs")
ORDER_QUEUE_URL = os.environ["ORDER_QUEUE_URL"]


def handler(event, context):
    try:
        if event["routeKey"] == "POST /orders":
            body = json.loads(event.get("body") or "{}")
            order_id = str(uuid.uuid4())
            # VULN: broken-access-control: order access token drawn from random, not secrets
            token = "%030x" % random.getrandbits(120)
            orders_table.put_item(Item={"order_id": order_id, "items": body.get("items", []), "token": token})
            sqs.send_message(QueueUrl=ORDER_QUEUE_URL, MessageBody=json.dumps({"order_id": order_id}))
            return {"statusCode": 201, "body": json.dumps({"order_id": order_id, "token": token})}
        order_id = event["pathParameters"]["id"]
        item = orders_table.get_item(Key={"order_id": order_id}).get("Item")
        return {"statusCode": 200 if item else 404, "body": json.dumps(item or {}, default=str)}
    except Exception as e:
        # VULN: sensitive-data-exposure: internal error text returned to the client
        return {"statusCode": 500, "body": json.dumps({"error": str(e)})}
