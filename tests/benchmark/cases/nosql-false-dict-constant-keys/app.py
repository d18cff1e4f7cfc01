# Benchmark case (false): FilterExpression built from the constant keys of a dict whose values are
# user input
import json
import os

import boto3

table = boto3.resource("dynamodb").Table(os.environ["TABLE"])


def handler(event, context):
    params = event.get("queryStringParameters") or {}
    filters = {"status": "OPEN"}
    filters["owner"] = params.get("owner", "")
    result = table.scan(
        FilterExpression=" AND ".join(f"#{key} = :{key}" for key in filters),
        ExpressionAttributeNames={f"#{key}": key for key in filters},
        ExpressionAttributeValues={f":{key}": value for key, value in filters.items()},
    )
    return {"statusCode": 200, "body": json.dumps(result["Items"], default=str)}
