# Benchmark case (false): S3-triggered function reads the object that triggered it (bucket and key
# from S3 itself)
from urllib.parse import unquote_plus

import boto3

s3 = boto3.client("s3")


def handler(event, context):
    for record in event["Records"]:
        bucket = record["s3"]["bucket"]["name"]
        key = unquote_plus(record["s3"]["object"]["key"])
        size = len(s3.get_object(Bucket=bucket, Key=key)["Body"].read())
        print(f"{key}: {size} bytes")
