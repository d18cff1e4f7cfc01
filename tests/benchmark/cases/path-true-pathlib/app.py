# Benchmark case (true): path parameter appended to a pathlib.Path and read
from pathlib import Path

DOCS = Path("/var/task/docs")


def handler(event, context):
    page = DOCS / event["pathParameters"]["page"]
    return {"statusCode": 200, "body": page.read_text()}
