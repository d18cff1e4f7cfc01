# Benchmark case (true): exponential pattern (nested quantifier) applied to a body field
import json
import re

EMAIL = re.compile(r"^([a-zA-Z0-9]+\.?)+@example\.com$")


def handler(event, context):
    email = json.loads(event["body"])["email"]
    return {"statusCode": 200 if EMAIL.match(email) else 400}
