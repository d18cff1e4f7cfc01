# Benchmark case (false): SQS body parsed with json.loads, nothing is evaluated
import json


def handler(event, context):
    totals = []
    for record in event["Records"]:
        order = json.loads(record["body"])
        totals.append(sum(line["price"] * line["quantity"] for line in order["lines"]))
    return totals
