# Benchmark case (false): query value escaped with re.escape before it is compiled
import re

NAMES = ["alice", "bob", "carol"]


def handler(event, context):
    pattern = re.compile(re.escape(event["queryStringParameters"]["filter"]), re.IGNORECASE)
    return {"statusCode": 200, "body": ",".join(n for n in NAMES if pattern.search(n))}
