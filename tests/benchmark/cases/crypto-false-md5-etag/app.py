# Benchmark case (false): MD5 used as a content checksum with usedforsecurity=False
import hashlib

import boto3

s3 = boto3.client("s3")


def handler(event, context):
    record = event["Records"][0]["s3"]
    data = s3.get_object(Bucket=record["bucket"]["name"], Key=record["object"]["key"])[
        "Body"
    ].read()
    return {"etag": hashlib.md5(data, usedforsecurity=False).hexdigest()}
