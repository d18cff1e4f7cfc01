# Benchmark case (true): request body bytes kept on an instance attribute and unpickled by a
# method
import base64
import pickle


class Snapshot:
    def __init__(self, raw):
        self.raw = raw

    def load(self):
        return pickle.loads(self.raw)


def handler(event, context):
    snapshot = Snapshot(base64.b64decode(event["body"]))
    return {"statusCode": 200, "body": str(snapshot.load())}
