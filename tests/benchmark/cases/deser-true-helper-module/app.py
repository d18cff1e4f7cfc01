# Benchmark case (true): header value passed to a cache helper in another module that unpickles it
from cache import restore


def handler(event, context):
    state = restore(event["headers"].get("X-State", ""))
    return {"statusCode": 200, "body": str(state)}
