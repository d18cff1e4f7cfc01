# Benchmark case (false): job id parsed as a UUID before it is formatted into a shell command
import subprocess
import uuid


def handler(event, context):
    job = uuid.UUID(event["pathParameters"]["jobId"])
    subprocess.run(f"tar czf /tmp/{job}.tgz /tmp/jobs/{job}", shell=True, check=True)
    return {"statusCode": 200}
