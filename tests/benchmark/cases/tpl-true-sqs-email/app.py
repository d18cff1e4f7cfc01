# Benchmark case (true): e-mail template text from an SQS message compiled with jinja2
import json

import boto3
from jinja2 import Template

ses = boto3.client("ses")


def handler(event, context):
    for record in event["Records"]:
        message = json.loads(record["body"])
        text = Template(message["template"]).render(order=message["order"])
        ses.send_email(
            Source="shop@example.com",
            Destination={"ToAddresses": [message["to"]]},
            Message={"Subject": {"Data": "Your order"}, "Body": {"Text": {"Data": text}}},
        )
