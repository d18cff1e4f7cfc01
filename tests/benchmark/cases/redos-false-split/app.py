# Benchmark case (false): simple linear split pattern applied to a query value
import re


def handler(event, context):
    tags = re.split(r",\s*", event["queryStringParameters"].get("tags", ""))
    return {"statusCode": 200, "body": "|".join(tag for tag in tags if tag)}
