# Benchmark case (false): cookie value base64-decoded and parsed as JSON, not pickled
import base64
import json


def handler(event, context):
    for cookie in event.get("cookies") or []:
        name, _, value = cookie.partition("=")
        if name == "cart":
            cart = json.loads(base64.b64decode(value))
            return {"statusCode": 200, "body": str(len(cart))}
    return {"statusCode": 200, "body": "0"}
