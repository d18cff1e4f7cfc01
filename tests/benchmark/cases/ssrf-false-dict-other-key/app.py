# Benchmark case (false): dict holds a constant endpoint and the user URL; only the constant
# endpoint is fetched
import requests


def handler(event, context):
    links = {
        "status": "https://status.example.com/api",
        "requested": event["queryStringParameters"]["url"],
    }
    response = requests.get(links["status"], timeout=5)
    return {
        "statusCode": 200,
        "body": response.text,
        "headers": {"x-requested": links["requested"]},
    }
