# Benchmark case (false): query value cast to int before the shell command
import subprocess


def handler(event, context):
    seconds = int(event["queryStringParameters"]["seconds"])
    subprocess.run(f"timeout {seconds} /opt/bin/warmup", shell=True, check=False)
    return {"statusCode": 200}
