# Benchmark case (false): linear, bounded pattern applied to a body field
import json
import re

USERNAME = re.compile(r"[a-z0-9_-]{3,32}")


def handler(event, context):
    name = json.loads(event["body"])["username"]
    return {"statusCode": 200 if USERNAME.fullmatch(name) else 400}
