# Benchmark case (false): dict holds a constant layout and the user title; the layout key is
# compiled
from jinja2 import Template


def handler(event, context):
    parts = {"layout": "<h1>{{ title }}</h1>", "title": event["pathParameters"]["title"]}
    html = Template(parts["layout"], autoescape=True).render(title=parts["title"])
    return {"statusCode": 200, "body": html}
