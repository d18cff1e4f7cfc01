# Benchmark case (true): base64 Kinesis record data decoded, parsed and used in os.system
import base64
import json
import os


def handler(event, context):
    for record in event["Records"]:
        payload = json.loads(base64.b64decode(record["kinesis"]["data"]))
        os.system("logger -t clicks " + payload["page"])
