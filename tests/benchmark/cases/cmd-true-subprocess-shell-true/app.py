# Benchmark case (true): body URL formatted into a subprocess.run(shell=True) command
import json
import subprocess


def handler(event, context):
    body = json.loads(event["body"])
    source = body["video_url"]
    subprocess.run(f"ffmpeg -i {source} -vframes 1 /tmp/frame.jpg", shell=True, check=True)
    return {"statusCode": 202}
