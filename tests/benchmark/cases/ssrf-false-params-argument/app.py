# Benchmark case (false): search term passed in requests params=, the URL is constant
import requests


def handler(event, context):
    term = event["queryStringParameters"]["q"]
    result = requests.get("https://search.example.com/v1", params={"q": term}, timeout=5)
    return {"statusCode": 200, "body": result.text}
