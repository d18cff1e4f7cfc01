# Benchmark case (true): WebSocket message field used as the URL of an outbound request
import json

import requests


def handler(event, context):
    message = json.loads(event["body"])
    preview = requests.get(message["link"], timeout=3).text[:280]
    return {"statusCode": 200, "body": preview}
