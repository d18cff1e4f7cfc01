# Benchmark case (true): request body loaded with yaml.load and the full Loader
import json

import yaml


def handler(event, context):
    config = yaml.load(event["body"], Loader=yaml.Loader)
    return {"statusCode": 200, "body": json.dumps(sorted(config))}
