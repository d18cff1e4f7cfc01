# Benchmark case (false): constant shell command; the event only decides whether it runs
import os


def handler(event, context):
    if event["Records"][0]["s3"]["object"]["size"] > 0:
        os.system("rm -rf /tmp/work && mkdir -p /tmp/work")
