"""Images: makes storefront thumbnails from merchant uploads (S3 ObjectCreated trigger).

ImageMagick's `convert` comes from a Lambda layer.
INSECURE ON PURPOSE: every deliberate problem is marked with a "# VULN:" comment.
"""

import logging
import os
import subprocess
import urllib.parse

import boto3

logger = logging.getLogger()
logger.setLevel(os.environ.get("LOG_LEVEL", "INFO"))

s3 = boto3.client("s3")
MEDIA_BUCKET = os.environ["MEDIA_BUCKET"]


def handler(event, context):
    for record in event["Records"]:
        bucket = record["s3"]["bucket"]["name"]
        key = urllib.parse.unquote_plus(record["s3"]["object"]["key"])
        make_thumbnail(bucket, key)
    return {"processed": len(event["Records"])}


def make_thumbnail(bucket, key):
    # VULN: path-traversal: S3 object key joined onto /tmp/ without normalisation
    local_path = "/tmp/" + key
    os.makedirs(os.path.dirname(local_path), exist_ok=True)
    s3.download_file(bucket, key, local_path)
    thumb_path = local_path + ".thumb.jpg"
    # VULN: injection-command: shell command line built from the S3 object key
    subprocess.run(f"convert '{local_path}' -resize 320x320 '{thumb_path}'", shell=True, check=True)
    thumb_key = "thumbnails/" + os.path.basename(key) + ".jpg"
    s3.upload_file(thumb_path, MEDIA_BUCKET, thumb_key, ExtraArgs={"ACL": "public-read", "ContentType": "image/jpeg"})
    logger.info("thumbnail %s written", thumb_key)
