# Benchmark case (true): URL-decoded raw path of a Function URL request opened
from urllib.parse import unquote


def handler(event, context):
    relative = unquote(event["rawPath"]).lstrip("/")
    with open("/var/task/public/" + relative, "rb") as handle:
        return {"statusCode": 200, "body": handle.read().decode()}
