# Benchmark case (true): normpath of the joined path without any containment check (../ still
# escapes)
import os

BASE = "/var/task/templates"


def handler(event, context):
    path = os.path.normpath(os.path.join(BASE, event["queryStringParameters"]["name"]))
    with open(path) as handle:
        return {"statusCode": 200, "body": handle.read()}
