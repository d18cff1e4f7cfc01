# Benchmark case (false): request body parsed with yaml.safe_load
import json

import yaml


def handler(event, context):
    config = yaml.safe_load(event["body"])
    return {"statusCode": 200, "body": json.dumps(sorted(config))}
