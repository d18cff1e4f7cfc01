# Benchmark case (false): constant host; only an int-cast id reaches the URL path
import requests


def handler(event, context):
    item = int(event["pathParameters"]["id"])
    response = requests.get(f"https://api.example.com/items/{item}", timeout=5)
    return {"statusCode": response.status_code, "body": response.text}
