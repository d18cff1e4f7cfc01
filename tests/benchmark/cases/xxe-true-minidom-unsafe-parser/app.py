# Benchmark case (true): xml.dom.minidom with a SAX parser that resolves external entities
import xml.dom.minidom
import xml.sax
from xml.sax.handler import feature_external_ges


def handler(event, context):
    parser = xml.sax.make_parser()
    parser.setFeature(feature_external_ges, True)
    document = xml.dom.minidom.parseString(event["body"], parser=parser)
    return {"statusCode": 200, "body": document.documentElement.tagName}
