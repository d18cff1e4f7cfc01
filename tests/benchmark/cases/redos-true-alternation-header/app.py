# Benchmark case (true): overlapping alternation under a star applied to a header value
import re

TOKEN = re.compile(r"^(a|a?)+$|^([A-Za-z]|[A-Za-z0-9])*!$")


def handler(event, context):
    agent = event["headers"].get("user-agent", "")
    ok = bool(TOKEN.match(agent))
    return {"statusCode": 200, "statusDescription": "200 OK", "body": str(ok)}
