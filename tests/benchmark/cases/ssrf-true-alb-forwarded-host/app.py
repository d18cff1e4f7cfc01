# Benchmark case (true): ALB X-Forwarded-Host header used to build a URL that is fetched
import requests


def handler(event, context):
    host = event["headers"].get("x-forwarded-host", "localhost")
    config = requests.get("http://" + host + "/.well-known/config.json", timeout=2).text
    return {"statusCode": 200, "statusDescription": "200 OK", "body": config}
