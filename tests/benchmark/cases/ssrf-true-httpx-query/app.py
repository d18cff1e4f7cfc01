# Benchmark case (true): Function URL query value fetched with httpx
import httpx


def handler(event, context):
    url = event["queryStringParameters"]["url"]
    preview = httpx.get(url, timeout=3).text[:500]
    return {"statusCode": 200, "body": preview}
