# Benchmark case (true): loop over SQS records; message field joined into shutil.rmtree
import json
import os
import shutil


def handler(event, context):
    for record in event["Records"]:
        job = json.loads(record["body"])
        shutil.rmtree(os.path.join("/tmp/jobs", job["job_id"]), ignore_errors=True)
