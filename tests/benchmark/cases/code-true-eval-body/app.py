# Benchmark case (true): JSON body expression passed to eval
import json


def handler(event, context):
    body = json.loads(event["body"])
    total = eval(body["formula"], {"__builtins__": {}}, {"price": 10.0})
    return {"statusCode": 200, "body": json.dumps({"total": total})}
