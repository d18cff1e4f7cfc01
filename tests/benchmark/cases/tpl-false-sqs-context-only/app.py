# Benchmark case (false): SQS e-mail data used only as render variables of a constant template
import json

from jinja2 import Template

BODY = Template("Order {{ order.id }}: {{ order.total }} EUR")


def handler(event, context):
    return [BODY.render(order=json.loads(r["body"])["order"]) for r in event["Records"]]
