# Benchmark case (false): resolved path checked with is_relative_to the base directory before
# reading
from pathlib import Path

BASE = Path("/var/task/static").resolve()


def handler(event, context):
    target = (BASE / event["queryStringParameters"]["file"]).resolve()
    if not target.is_relative_to(BASE):
        return {"statusCode": 403}
    return {"statusCode": 200, "body": target.read_text()}
