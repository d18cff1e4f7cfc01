# Benchmark case (true): body expression passed to a calculator in another module that evals it
import json

from calc import evaluate


def handler(event, context):
    expression = json.loads(event["body"])["expression"]
    return {"statusCode": 200, "body": json.dumps({"value": evaluate(expression)})}
