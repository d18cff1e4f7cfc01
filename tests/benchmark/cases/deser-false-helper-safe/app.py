# Benchmark case (false): header passed to a helper that decodes JSON instead of unpickling
from cache import restore


def handler(event, context):
    return {"statusCode": 200, "body": str(restore(event["headers"].get("X-State", "")))}
