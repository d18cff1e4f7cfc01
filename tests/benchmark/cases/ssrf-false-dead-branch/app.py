# Benchmark case (false): fetch of the body URL under a constant False flag
import json

import requests

FOLLOW_CALLBACKS = False
DEFAULT_CALLBACK = "https://hooks.example.com/done"


def handler(event, context):
    body = json.loads(event["body"])
    url = body["callback_url"] if FOLLOW_CALLBACKS else DEFAULT_CALLBACK
    requests.post(url, json={"id": body.get("id")}, timeout=5)
    return {"statusCode": 202}
