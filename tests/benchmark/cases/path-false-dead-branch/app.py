# Benchmark case (false): raw path open under a constant False flag; the live path uses the
# basename
import os

SERVE_NESTED = False


def handler(event, context):
    name = event["pathParameters"]["name"]
    if SERVE_NESTED:
        path = "/var/task/assets/" + name
    else:
        path = os.path.join("/var/task/assets", os.path.basename(name))
    with open(path, "rb") as handle:
        return {"statusCode": 200, "body": handle.read().hex()}
