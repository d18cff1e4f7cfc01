# Benchmark case (false): requests call with verify=True (explicit)
import json

import requests


def handler(event, context):
    for record in event["Records"]:
        requests.post(
            "https://ledger.example.com/entries",
            json=json.loads(record["body"]),
            verify=True,
            timeout=5,
        )
