# Benchmark case (true): DynamoDB FilterExpression built from a query-string attribute name
import json
import os

import boto3

table = boto3.resource("dynamodb").Table(os.environ["TABLE"])


def handler(event, context):
    params = event.get("queryStringParameters") or {}
    field = params.get("field", "status")
    value = params.get("value", "OPEN")
    result = table.scan(FilterExpression=f"{field} = :v", ExpressionAttributeValues={":v": value})
    return {"statusCode": 200, "body": json.dumps(result["Items"], default=str)}
