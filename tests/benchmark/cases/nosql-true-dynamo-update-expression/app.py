# Benchmark case (true): attribute names from the body keys built into an UpdateExpression
import json
import os

import boto3

table = boto3.resource("dynamodb").Table(os.environ["TABLE"])


def handler(event, context):
    changes = json.loads(event["body"])
    expression = "SET " + ", ".join(f"{name} = :{name}" for name in changes)
    table.update_item(
        Key={"pk": event["pathParameters"]["id"]},
        UpdateExpression=expression,
        ExpressionAttributeValues={f":{name}": value for name, value in changes.items()},
    )
    return {"statusCode": 204}
