# Benchmark case (false): repository URL from SQS passed after `--` in an argument list, no shell
import json
import subprocess


def handler(event, context):
    for record in event["Records"]:
        repo = json.loads(record["body"])["repository"]
        subprocess.run(["git", "clone", "--depth", "1", "--", repo, "/tmp/src"], check=True)
