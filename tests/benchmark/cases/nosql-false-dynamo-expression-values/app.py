# Benchmark case (false): path value passed through ExpressionAttributeValues, the expression is
# constant
import json
import os

import boto3

table = boto3.resource("dynamodb").Table(os.environ["TABLE"])


def handler(event, context):
    customer = event["pathParameters"]["customer"]
    result = table.query(
        KeyConditionExpression="pk = :pk",
        ExpressionAttributeValues={":pk": customer},
    )
    return {"statusCode": 200, "body": json.dumps(result["Items"], default=str)}
