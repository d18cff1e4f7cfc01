# Benchmark case (false): template compiled from the body only under a constant False flag
import json

from jinja2 import Template

CUSTOM_TEMPLATES = False
DEFAULT = Template("Hello {{ name }}")


def handler(event, context):
    body = json.loads(event["body"])
    template = Template(body["template"]) if CUSTOM_TEMPLATES else DEFAULT
    return {"statusCode": 200, "body": template.render(name=body.get("name", ""))}
