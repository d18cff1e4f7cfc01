# Benchmark case (true): SQS body held in an instance attribute, used by a method in a shell
# command
import json

from jobs import ExportJob


def handler(event, context):
    for record in event["Records"]:
        ExportJob(json.loads(record["body"])).run()
