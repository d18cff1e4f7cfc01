# Benchmark case (true): URL-decoded S3 object key formatted into an os.system command line
import os
from urllib.parse import unquote_plus

import boto3

s3 = boto3.client("s3")


def handler(event, context):
    for record in event["Records"]:
        bucket = record["s3"]["bucket"]["name"]
        key = unquote_plus(record["s3"]["object"]["key"])
        local = "/tmp/upload"
        s3.download_file(bucket, key, local)
        os.system(f"convert {local} -resize 200x200 /tmp/thumb-{key}.png")
