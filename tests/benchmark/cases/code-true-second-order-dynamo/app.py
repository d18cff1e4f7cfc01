# Benchmark case (true): formula read back from a DynamoDB item (stored earlier by users)
# evaluated
import json
import os

import boto3

table = boto3.resource("dynamodb").Table(os.environ["FORMULAS_TABLE"])


def handler(event, context):
    item = table.get_item(Key={"pk": "pricing"})["Item"]
    price = eval(item["formula"], {"__builtins__": {}}, {"base": 10})
    return {"statusCode": 200, "body": json.dumps({"price": price})}
