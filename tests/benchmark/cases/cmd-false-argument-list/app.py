# Benchmark case (false): body URL passed as one element of an argument list, no shell
import json
import subprocess


def handler(event, context):
    source = json.loads(event["body"])["video_url"]
    subprocess.run(["ffmpeg", "-i", source, "-vframes", "1", "/tmp/frame.jpg"], check=True)
    return {"statusCode": 202}
