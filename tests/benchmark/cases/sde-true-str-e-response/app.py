# Benchmark case (true): exception text returned in the HTTP response body
import json
import os

import boto3

table = boto3.resource("dynamodb").Table(os.environ.get("TABLE", "orders"))


def handler(event, context):
    try:
        item = table.get_item(Key={"pk": event["pathParameters"]["id"]})["Item"]
        return {"statusCode": 200, "body": json.dumps(item, default=str)}
    except Exception as e:
        return {"statusCode": 500, "body": json.dumps({"error": str(e)})}
