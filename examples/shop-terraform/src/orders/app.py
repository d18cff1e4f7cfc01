"""Order API for the Terraform variant (HTTP API, payload format 2.0).

INSECURE ON PURPOSE: every deliberate problem is marked with a "# VULN:" comment.
"""

import base64
import json
import os
import pickle
import uuid

import boto3

orders_table = boto3.resource("dynamodb").Table(os.environ["ORDERS_TABLE"])
sqs = boto3.client("sqs")
ORDER_QUEUE_URL = os.environ["ORDER_QUEUE_URL"]


def handler(event, context):
    if event["routeKey"] == "POST /orders":
        body = json.loads(event.get("body") or "{}")
        # VULN: deserialization: pickle.loads of a client-supplied cart
        items = pickle.loads(base64.b64decode(body["cart"]))
        total = sum(item["price"] * item["quantity"] for item in items)
        if body.get("discount"):
            # VULN: injection-code: eval of a discount expression taken from the request body
            total = eval(body["discount"], {}, {"total": total})
        order_id = str(uuid.uuid4())
        orders_table.put_item(Item={"order_id": order_id, "total": str(total)})
        sqs.send_message(QueueUrl=ORDER_QUEUE_URL, MessageBody=json.dumps({"order_id": order_id}))
        return {"statusCode": 201, "body": json.dumps({"order_id": order_id})}
    params = event.get("queryStringParameters") or {}
    if "filter" in params:
        # VULN: injection-nosql: FilterExpression built from query-string input
        result = orders_table.scan(FilterExpression=params["filter"])
        return {"statusCode": 200, "body": json.dumps(result["Items"], default=str)}
    item = orders_table.get_item(Key={"order_id": event["pathParameters"]["id"]}).get("Item")
    return {"statusCode": 200, "body": json.dumps(item, default=str)}

