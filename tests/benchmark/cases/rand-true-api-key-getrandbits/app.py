# Benchmark case (true): API key generated with random.getrandbits
import json
import random


def new_api_key():
    return "%032x" % random.getrandbits(128)


def handler(event, context):
    return {"statusCode": 201, "body": json.dumps({"api_key": new_api_key()})}
