"""Thumbnails for the Serverless Framework variant (S3 trigger, ImageMagick from a layer).

INSECURE ON PURPOSE: every deliberate problem is marked with a "# VULN:" comment.
"""

import os
import subprocess

import boto3

s3 = boto3.client("s3")
MEDIA_BUCKET = os.environ["MEDIA_BUCKET"]


def handler(event, context):
    for record in event["Records"]:
        bucket = record["s3"]["bucket"]["name"]
        key = record["s3"]["object"]["key"]
        # VULN: path-traversal: S3 object key joined onto /tmp/ without normalisation
        local_path = os.path.join("/tmp", key)
        s3.download_file(bucket, key, local_path)
        # VULN: injection-command: shell command line built from the S3 object key
        subprocess.run("convert " + local_path + " -resize 320x320 /tmp/thumb.jpg", shell=True, check=True)
        s3.upload_file("/tmp/thumb.jpg", MEDIA_BUCKET, "thumbnails/" + os.path.basename(key))
