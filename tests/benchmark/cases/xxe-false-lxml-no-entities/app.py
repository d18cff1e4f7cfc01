# Benchmark case (false): lxml parser with resolve_entities=False and no_network=True
from lxml import etree

PARSER = etree.XMLParser(resolve_entities=False, no_network=True)


def handler(event, context):
    root = etree.fromstring(event["body"].encode(), PARSER)
    return {"statusCode": 200, "body": root.findtext("name") or ""}
