"""Images: makes storefront thumbnails from merchant uploads (S3 ObjectCreated trigger).

ImageMagick's `convert` comes from this account's own signed layer (/opt/bin/convert).
"""

import logging
import os
import re
import subprocess
import tempfile
import urllib.parse
from pathlib import Path

import boto3

logger = logging.getLogger()
logger.setLevel(os.environ.get("LOG_LEVEL", "INFO"))

s3 = boto3.client("s3")
MEDIA_BUCKET = os.environ["MEDIA_BUCKET"]
CONVERT = "/opt/bin/convert"
ALLOWED_EXTENSIONS = frozenset({".jpg", ".jpeg", ".png", ".webp"})
SAFE_STEM = re.compile(r"[A-Za-z0-9_-]{1,100}")


def handler(event, context):
    for record in event["Records"]:
        bucket = record["s3"]["bucket"]["name"]
        key = urllib.parse.unquote_plus(record["s3"]["object"]["key"])
        make_thumbnail(bucket, key)
    return {"processed": len(event["Records"])}


def make_thumbnail(bucket, key):
    # Fixed: only the base name of the key is used, and only if it is a plain image file name.
    name = os.path.basename(key)
    stem, extension = os.path.splitext(name)
    if extension.lower() not in ALLOWED_EXTENSIONS or not SAFE_STEM.fullmatch(stem):
        logger.warning("skipped upload with an unexpected name")
        return
    with tempfile.TemporaryDirectory() as workdir:
        root = Path(workdir).resolve()
        source = (root / name).resolve()
        # Fixed: the local path must stay inside the private working directory.
        if not source.is_relative_to(root):
            logger.warning("skipped upload that escapes the working directory")
            return
        thumbnail = root / "thumbnail.jpg"
        s3.download_file(bucket, key, str(source))
        # Fixed: an argument list, no shell; paths are absolute so none can pass as an option.
        subprocess.run([CONVERT, str(source), "-resize", "320x320", str(thumbnail)], check=True, timeout=30)
        s3.upload_file(str(thumbnail), MEDIA_BUCKET, f"thumbnails/{stem}.jpg", ExtraArgs={"ContentType": "image/jpeg"})
    logger.info("thumbnail written for %s", stem)
