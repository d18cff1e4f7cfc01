# Benchmark case (false): plugin name checked against an allow-list before importlib
import importlib

PLUGINS = frozenset({"csv_export", "pdf_export"})


def handler(event, context):
    name = event["queryStringParameters"]["plugin"]
    if name not in PLUGINS:
        return {"statusCode": 404}
    plugin = importlib.import_module(f"plugins.{name}")
    return {"statusCode": 200, "body": plugin.render(event)}
