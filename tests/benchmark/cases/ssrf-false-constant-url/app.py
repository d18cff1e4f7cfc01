# Benchmark case (false): constant URL; the SQS message only goes into the JSON payload
import json
import os

import requests

ENDPOINT = os.environ.get("LEDGER_URL", "https://ledger.example.com/entries")


def handler(event, context):
    for record in event["Records"]:
        requests.post(ENDPOINT, json=json.loads(record["body"]), timeout=5)
