# Benchmark case (false): S3 key reduced to its basename and passed in an argument list without a
# shell
import os
import subprocess
from urllib.parse import unquote_plus


def handler(event, context):
    key = unquote_plus(event["Records"][0]["s3"]["object"]["key"])
    target = os.path.join("/tmp", os.path.basename(key))
    subprocess.run(["convert", "/tmp/upload", "-resize", "200x200", target], check=True)
