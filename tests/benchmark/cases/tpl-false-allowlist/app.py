# Benchmark case (false): template chosen from a constant table by name; the name is checked first
from jinja2 import Template

LAYOUTS = {"plain": "{{ body }}", "boxed": "<div class=box>{{ body }}</div>"}


def handler(event, context):
    name = event["queryStringParameters"]["layout"]
    if name not in LAYOUTS:
        return {"statusCode": 400}
    html = Template(LAYOUTS[name]).render(body=event["queryStringParameters"].get("body", ""))
    return {"statusCode": 200, "body": html}
