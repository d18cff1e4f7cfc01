# Benchmark case (true): RSA private key embedded in a helper module
from signing import sign


def handler(event, context):
    return {"statusCode": 200, "body": sign(event["body"] or "")}
