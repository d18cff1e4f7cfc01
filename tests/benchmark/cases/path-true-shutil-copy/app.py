# Benchmark case (true): body value used as the source of shutil.copy
import json
import shutil


def handler(event, context):
    body = json.loads(event["body"])
    shutil.copy("/mnt/shared/" + body["template"], "/tmp/work.docx")
    return {"statusCode": 200}
