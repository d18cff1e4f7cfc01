# Benchmark case (false): constant ProjectionExpression; the user value is only a key value
import json
import os

import boto3

table = boto3.resource("dynamodb").Table(os.environ["TABLE"])
PUBLIC_FIELDS = ", ".join(["pk", "title", "price"])


def handler(event, context):
    result = table.get_item(
        Key={"pk": event["pathParameters"]["id"]}, ProjectionExpression=PUBLIC_FIELDS
    )
    return {"statusCode": 200, "body": json.dumps(result.get("Item"), default=str)}
