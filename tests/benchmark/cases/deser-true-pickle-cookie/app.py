# Benchmark case (true): HTTP API v2 cookie value base64-decoded and unpickled
import base64
import pickle


def handler(event, context):
    for cookie in event.get("cookies") or []:
        name, _, value = cookie.partition("=")
        if name == "cart":
            cart = pickle.loads(base64.b64decode(value))
            return {"statusCode": 200, "body": str(len(cart))}
    return {"statusCode": 200, "body": "0"}
