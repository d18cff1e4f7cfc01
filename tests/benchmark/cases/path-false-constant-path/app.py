# Benchmark case (false): constant file path; SQS data is only the written content
import json


def handler(event, context):
    with open("/tmp/batch.jsonl", "a") as handle:
        for record in event["Records"]:
            handle.write(json.dumps(json.loads(record["body"])) + "\n")
