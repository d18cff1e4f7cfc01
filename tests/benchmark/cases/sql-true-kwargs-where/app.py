# Benchmark case (true): query string dict passed as **kwargs to a helper that joins key = 'value'
# pairs
import json

from queries import search


def handler(event, context):
    filters = event.get("queryStringParameters") or {}
    return {"statusCode": 200, "body": json.dumps(search("products", **filters))}
