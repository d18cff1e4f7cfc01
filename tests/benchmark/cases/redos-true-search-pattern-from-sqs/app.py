# Benchmark case (true): pattern taken from the SQS message used in re.search over log lines
import json
import re


def handler(event, context):
    hits = 0
    for record in event["Records"]:
        job = json.loads(record["body"])
        for line in job["lines"]:
            if re.search(job["pattern"], line):
                hits += 1
    return hits
