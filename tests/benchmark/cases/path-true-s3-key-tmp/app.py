# Benchmark case (true): URL-decoded S3 key joined onto /tmp and opened for writing
from urllib.parse import unquote_plus

import boto3

s3 = boto3.client("s3")


def handler(event, context):
    for record in event["Records"]:
        bucket = record["s3"]["bucket"]["name"]
        key = unquote_plus(record["s3"]["object"]["key"])
        body = s3.get_object(Bucket=bucket, Key=key)["Body"].read()
        with open(f"/tmp/{key}", "wb") as handle:
            handle.write(body)
