# Benchmark case (false): attribute name checked against an allow-list before it enters the
# FilterExpression
import json
import os

import boto3

table = boto3.resource("dynamodb").Table(os.environ["TABLE"])
FILTERABLE = ("status", "category", "brand")


def handler(event, context):
    params = event.get("queryStringParameters") or {}
    field = params.get("field", "status")
    if field not in FILTERABLE:
        return {"statusCode": 400}
    result = table.scan(
        FilterExpression=f"{field} = :v", ExpressionAttributeValues={":v": params.get("value")}
    )
    return {"statusCode": 200, "body": json.dumps(result["Items"], default=str)}
