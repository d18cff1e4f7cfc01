# Benchmark case (true): URL-decoded raw query string evaluated
from urllib.parse import unquote


def handler(event, context):
    expression = unquote(event.get("rawQueryString", ""))
    return {"statusCode": 200, "body": str(eval(expression))}
