# Benchmark case (false): S3 key reduced to os.path.basename before it is joined onto /tmp
import os
from urllib.parse import unquote_plus

import boto3

s3 = boto3.client("s3")


def handler(event, context):
    for record in event["Records"]:
        key = unquote_plus(record["s3"]["object"]["key"])
        local = os.path.join("/tmp", os.path.basename(key))
        s3.download_file(record["s3"]["bucket"]["name"], key, local)
        with open(local, "rb") as handle:
            print(len(handle.read()))
