# Benchmark case (false): importlib with a constant module name chosen by a boolean derived from
# the request
import importlib


def handler(event, context):
    wants_pdf = event["queryStringParameters"].get("format") == "pdf"
    module = importlib.import_module("exporters.pdf" if wants_pdf else "exporters.csv")
    return {"statusCode": 200, "body": module.export(event)}
