# Benchmark case (true): multi-value query string parameters joined into a ProjectionExpression
import json
import os

import boto3

table = boto3.resource("dynamodb").Table(os.environ["TABLE"])


def handler(event, context):
    fields = (event.get("multiValueQueryStringParameters") or {}).get("field", ["pk"])
    result = table.get_item(
        Key={"pk": event["pathParameters"]["id"]},
        ProjectionExpression=", ".join(fields),
    )
    return {"statusCode": 200, "body": json.dumps(result.get("Item"), default=str)}
