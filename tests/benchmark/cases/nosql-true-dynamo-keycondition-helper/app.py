# Benchmark case (true): path parameter concatenated into a KeyConditionExpression in another
# module
import json

from store import items_for


def handler(event, context):
    customer = event["pathParameters"]["customer"]
    return {"statusCode": 200, "body": json.dumps(items_for(customer), default=str)}
