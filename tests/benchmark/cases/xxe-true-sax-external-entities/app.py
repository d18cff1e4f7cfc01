# Benchmark case (true): xml.sax parser with external general entities switched on parses the body
import io
import xml.sax
from xml.sax.handler import feature_external_ges


class Names(xml.sax.ContentHandler):
    def __init__(self):
        super().__init__()
        self.text = []

    def characters(self, content):
        self.text.append(content)


def handler(event, context):
    parser = xml.sax.make_parser()
    parser.setFeature(feature_external_ges, True)
    names = Names()
    parser.setContentHandler(names)
    parser.parse(io.BytesIO(event["body"].encode()))
    return {"statusCode": 200, "body": "".join(names.text)}
