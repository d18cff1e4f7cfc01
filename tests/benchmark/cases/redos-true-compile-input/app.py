# Benchmark case (true): regular expression compiled from a query string value
import re

NAMES = ["alice", "bob", "carol"]


def handler(event, context):
    pattern = re.compile(event["queryStringParameters"]["filter"])
    return {"statusCode": 200, "body": ",".join(n for n in NAMES if pattern.search(n))}
