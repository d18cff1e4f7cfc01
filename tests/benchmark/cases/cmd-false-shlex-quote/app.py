# Benchmark case (false): S3 key passed through shlex.quote before the shell command
import os
import shlex
from urllib.parse import unquote_plus


def handler(event, context):
    for record in event["Records"]:
        key = unquote_plus(record["s3"]["object"]["key"])
        os.system("convert /tmp/upload -resize 200x200 " + shlex.quote(f"/tmp/thumb-{key}.png"))
