# Benchmark case (false): uploaded tar extracted with filter='data', which refuses paths outside
# the target
import tarfile

import boto3

s3 = boto3.client("s3")


def handler(event, context):
    record = event["Records"][0]["s3"]
    s3.download_file(record["bucket"]["name"], record["object"]["key"], "/tmp/upload.tar")
    with tarfile.open("/tmp/upload.tar") as archive:
        archive.extractall("/tmp/extracted", filter="data")
