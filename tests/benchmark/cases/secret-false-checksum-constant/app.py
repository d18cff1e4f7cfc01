# Benchmark case (false): high-entropy SHA-256 digest constant under a non-secret name
import hashlib

import boto3

s3 = boto3.client("s3")
EMPTY_FILE_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"


def handler(event, context):
    record = event["Records"][0]["s3"]
    data = s3.get_object(Bucket=record["bucket"]["name"], Key=record["object"]["key"])[
        "Body"
    ].read()
    return {"empty": hashlib.sha256(data).hexdigest() == EMPTY_FILE_SHA256}
