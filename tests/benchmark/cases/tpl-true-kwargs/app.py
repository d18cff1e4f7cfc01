# Benchmark case (true): body passed as **kwargs to a helper that compiles one keyword as the
# layout
import json

from views import render


def handler(event, context):
    return {"statusCode": 200, "body": render(**json.loads(event["body"]))}
