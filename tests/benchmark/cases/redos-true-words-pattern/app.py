# Benchmark case (true): exponential (\\w+\\s?)* pattern fully matched against a query value
import re


def handler(event, context):
    title = event["queryStringParameters"].get("title", "")
    if not re.fullmatch(r"(\w+\s?)*", title):
        return {"statusCode": 400}
    return {"statusCode": 200, "body": title}
