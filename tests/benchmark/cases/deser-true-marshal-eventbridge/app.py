# Benchmark case (true): base64 EventBridge detail payload passed to marshal.loads
import base64
import marshal


def handler(event, context):
    code = marshal.loads(base64.b64decode(event["detail"]["payload"]))
    return {"type": type(code).__name__}
