# Benchmark case (false): tool name checked against an allow-list before it is formatted into a
# shell command
import os

COMPRESSORS = {"gzip", "bzip2", "xz"}


def handler(event, context):
    tool = event["queryStringParameters"]["tool"]
    if tool not in COMPRESSORS:
        return {"statusCode": 400}
    os.system(f"{tool} -k /tmp/report.csv")
    return {"statusCode": 200}
