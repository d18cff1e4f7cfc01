# Benchmark case (false): partner name selects a URL from a constant table
import requests

PARTNERS = {"acme": "https://acme.example.com/stock", "globex": "https://globex.example.com/stock"}


def handler(event, context):
    url = PARTNERS.get(event["pathParameters"]["partner"])
    if url is None:
        return {"statusCode": 404}
    return {"statusCode": 200, "body": requests.get(url, timeout=5).text}
