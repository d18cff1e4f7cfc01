# Benchmark case (true): second-order: uploaded tar archive from S3 extracted with extractall and
# no filter
import tarfile
from urllib.parse import unquote_plus

import boto3

s3 = boto3.client("s3")


def handler(event, context):
    record = event["Records"][0]["s3"]
    key = unquote_plus(record["object"]["key"])
    s3.download_file(record["bucket"]["name"], key, "/tmp/upload.tar")
    with tarfile.open("/tmp/upload.tar") as archive:
        archive.extractall("/tmp/extracted")
