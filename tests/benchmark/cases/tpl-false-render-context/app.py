# Benchmark case (false): constant template; the body value is only a render variable
import json

from jinja2 import Template

GREETING = Template("Hello {{ name }}!", autoescape=True)


def handler(event, context):
    name = json.loads(event["body"])["name"]
    return {"statusCode": 200, "body": GREETING.render(name=name)}
