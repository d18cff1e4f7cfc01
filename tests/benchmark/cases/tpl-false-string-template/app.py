# Benchmark case (false): string.Template substitution (no code in templates) with the query value
from string import Template

RECEIPT = Template("Thanks $name, your order is on its way.")


def handler(event, context):
    name = event["queryStringParameters"]["name"]
    return {"statusCode": 200, "body": RECEIPT.safe_substitute(name=name)}
