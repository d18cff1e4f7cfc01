# Benchmark case (true): SQS XML message parsed in a helper module by an entity-resolving lxml
# parser
from invoices import parse_invoice


def handler(event, context):
    return [parse_invoice(record["body"]) for record in event["Records"]]
