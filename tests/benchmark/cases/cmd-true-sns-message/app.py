# Benchmark case (true): field of the JSON SNS message used in an os.system ping
import json
import os


def handler(event, context):
    for record in event["Records"]:
        notice = json.loads(record["Sns"]["Message"])
        os.system("ping -c 1 " + notice["host"])
