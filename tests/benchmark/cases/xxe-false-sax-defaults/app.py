# Benchmark case (false): xml.sax with default features (external entities off) parses the body
import io
import xml.sax


class Counter(xml.sax.ContentHandler):
    def __init__(self):
        super().__init__()
        self.elements = 0

    def startElement(self, name, attrs):
        self.elements += 1


def handler(event, context):
    counter = Counter()
    xml.sax.parse(io.BytesIO(event["body"].encode()), counter)
    return {"statusCode": 200, "body": str(counter.elements)}
