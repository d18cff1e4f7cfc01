# Benchmark case (true): query value joined with os.path.join and opened
import os

BASE = "/var/task/static"


def handler(event, context):
    name = event["queryStringParameters"]["file"]
    with open(os.path.join(BASE, name)) as handle:
        return {"statusCode": 200, "body": handle.read()}
