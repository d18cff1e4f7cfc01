# Benchmark case (false): eval of the body under a constant False flag
import ast
import json

ALLOW_EXPRESSIONS = False


def handler(event, context):
    raw = json.loads(event["body"])["value"]
    if ALLOW_EXPRESSIONS:
        value = eval(raw)
    else:
        value = ast.literal_eval(raw)
    return {"statusCode": 200, "body": json.dumps({"value": value})}
