# Benchmark case (false): xml.etree.ElementTree (no external entity resolution) parses the body
import xml.etree.ElementTree as ET


def handler(event, context):
    root = ET.fromstring(event["body"])
    return {"statusCode": 200, "body": ",".join(child.tag for child in root)}
