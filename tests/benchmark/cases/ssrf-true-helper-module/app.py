# Benchmark case (true): webhook URL passed to a notifier in another module that posts to it
import json

import webhooks


def handler(event, context):
    body = json.loads(event["body"])
    webhooks.notify(body["webhook"], {"order": body["order_id"]})
    return {"statusCode": 202}
