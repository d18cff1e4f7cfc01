# Benchmark case (true): SQS message value placed in a `sh -c` argument list
import json
import subprocess


def handler(event, context):
    for record in event["Records"]:
        archive = json.loads(record["body"])["archive"]
        subprocess.run(["sh", "-c", "tar xzf /tmp/" + archive + " -C /tmp/out"], check=True)
