# Benchmark case (true): body field used as the source of a jinja2.Template
import json

from jinja2 import Template


def handler(event, context):
    body = json.loads(event["body"])
    html = Template(body["greeting"]).render(name="customer")
    return {"statusCode": 200, "headers": {"content-type": "text/html"}, "body": html}
