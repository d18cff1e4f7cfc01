# Benchmark case (false): body value parsed with ast.literal_eval
import ast
import json


def handler(event, context):
    value = ast.literal_eval(json.loads(event["body"])["value"])
    return {"statusCode": 200, "body": json.dumps({"value": value})}
