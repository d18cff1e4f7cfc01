# Benchmark case (true): body field formatted into the path given to os.remove
import json
import os


def handler(event, context):
    body = json.loads(event["body"])
    os.remove(f"/mnt/uploads/{body['user']}/{body['file']}")
    return {"statusCode": 204}
