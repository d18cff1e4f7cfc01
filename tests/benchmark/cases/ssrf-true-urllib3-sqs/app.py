# Benchmark case (true): SQS message URL fetched with a urllib3 PoolManager
import json

import urllib3

http = urllib3.PoolManager()


def handler(event, context):
    for record in event["Records"]:
        hook = json.loads(record["body"])["webhook"]
        http.request(
            "POST", hook, body=record["body"], headers={"content-type": "application/json"}
        )
