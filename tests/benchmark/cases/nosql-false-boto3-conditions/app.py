# Benchmark case (false): boto3 condition builders (Key/Attr) with the user value
import json
import os

import boto3
from boto3.dynamodb.conditions import Attr, Key

table = boto3.resource("dynamodb").Table(os.environ["TABLE"])


def handler(event, context):
    params = event["queryStringParameters"]
    result = table.query(
        KeyConditionExpression=Key("pk").eq(params["customer"]),
        FilterExpression=Attr("status").eq(params["status"]),
    )
    return {"statusCode": 200, "body": json.dumps(result["Items"], default=str)}
