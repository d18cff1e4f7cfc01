# Benchmark case (true): query string names a module for importlib.import_module
import importlib


def handler(event, context):
    plugin = importlib.import_module(event["queryStringParameters"]["plugin"])
    return {"statusCode": 200, "body": plugin.render(event)}
