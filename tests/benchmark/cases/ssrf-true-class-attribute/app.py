# Benchmark case (true): partner base URL from the SQS message held on an instance and fetched by
# a method
import json

import requests


class Partner:
    def __init__(self, base_url):
        self.base_url = base_url.rstrip("/")

    def stock(self, sku):
        return requests.get(self.base_url + "/stock/" + sku, timeout=5).json()


def handler(event, context):
    for record in event["Records"]:
        message = json.loads(record["body"])
        Partner(message["partner_url"]).stock(message["sku"])
