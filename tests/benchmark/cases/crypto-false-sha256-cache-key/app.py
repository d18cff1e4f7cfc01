# Benchmark case (false): SHA-256 of the query string used as a cache key (no secret involved)
import hashlib


def handler(event, context):
    query = event.get("queryStringParameters") or {}
    cache_key = hashlib.sha256(repr(sorted(query.items())).encode()).hexdigest()
    return {"statusCode": 200, "headers": {"x-cache-key": cache_key}, "body": ""}
