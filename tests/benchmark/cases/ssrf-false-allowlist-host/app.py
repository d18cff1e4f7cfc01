# Benchmark case (false): URL host checked against an allow-list before the fetch
import json
from urllib.parse import urlparse

import requests

ALLOWED_HOSTS = {"hooks.slack.com", "hooks.example.com"}


def handler(event, context):
    url = json.loads(event["body"])["webhook"]
    if urlparse(url).hostname not in ALLOWED_HOSTS:
        return {"statusCode": 400}
    requests.post(url, json={"text": "deployed"}, timeout=5)
    return {"statusCode": 202}
