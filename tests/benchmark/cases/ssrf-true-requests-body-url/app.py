# Benchmark case (true): callback URL from the JSON body fetched with requests
import json

import requests


def handler(event, context):
    body = json.loads(event["body"])
    response = requests.post(body["callback_url"], json={"status": "done"}, timeout=5)
    return {"statusCode": 200, "body": str(response.status_code)}
