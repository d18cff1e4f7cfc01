"""Thumbnails for the Terraform variant (S3 trigger, ImageMagick from a layer).

INSECURE ON PURPOSE: every deliberate problem is marked with a "# VULN:" comment.
"""

import os
import subprocess

import boto3
import requests

s3 = boto3.client("s3")
MEDIA_BUCKET = os.environ["MEDIA_BUCKET"]


def handler(event, context):
    for record in event["Records"]:
        bucket = record["s3"]["bucket"]["name"]
        key = record["s3"]["object"]["key"]
        # VULN: path-traversal: S3 object key joined onto /tmp/ without normalisation
        local_path = "/tmp/" + key
        s3.download_file(bucket, key, local_path)
        # VULN: injection-command: shell command line built from the S3 object key
        subprocess.check_call("convert %s -resize 320x320 %s.jpg" % (local_path, local_path), shell=True)
        s3.upload_file(local_path + ".jpg", MEDIA_BUCKET, "thumbnails/" + os.path.basename(key) + ".jpg")
        # VULN: insecure-transport: TLS certificate verification disabled for the CDN purge call
        requests.post("https://cdn.shop.example.com/purge", json={"key": key}, timeout=5, verify=False)
