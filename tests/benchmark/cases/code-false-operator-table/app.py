# Benchmark case (false): helper module maps the operator name onto functions instead of
# evaluating text
import json

from calc import apply


def handler(event, context):
    body = json.loads(event["body"])
    return {"statusCode": 200, "body": json.dumps(apply(body["op"], body["a"], body["b"]))}
