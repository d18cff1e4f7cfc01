# Benchmark case (false): the body is forwarded as json= to a constant endpoint with httpx
import json

import httpx


def handler(event, context):
    order = json.loads(event["body"])
    httpx.post("https://fulfilment.example.com/orders", json=order, timeout=5)
    return {"statusCode": 202}
