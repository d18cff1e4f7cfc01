# Benchmark case (true): parsed body passed as **kwargs to a helper that formats one of them into
# os.system
import json

from runner import run_tool


def handler(event, context):
    options = json.loads(event["body"])
    run_tool("optipng", **options)
    return {"statusCode": 204}
