# Benchmark case (false): helper module posts to a constant URL; the event only forms the payload
import json

import webhooks


def handler(event, context):
    webhooks.notify(json.loads(event["body"]))
    return {"statusCode": 202}
