# Benchmark case (false): request body parsed with defusedxml
from defusedxml import ElementTree


def handler(event, context):
    root = ElementTree.fromstring(event["body"])
    return {"statusCode": 200, "body": root.findtext("name") or ""}
