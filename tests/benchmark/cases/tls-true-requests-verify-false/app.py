# Benchmark case (true): requests call with verify=False
import json

import requests


def handler(event, context):
    for record in event["Records"]:
        requests.post(
            "https://ledger.internal.example.com/entries",
            json=json.loads(record["body"]),
            verify=False,
            timeout=5,
        )
