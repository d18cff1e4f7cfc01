# Benchmark case (true): DynamoDB stream NewImage attribute (written by users) used in a shell
# command
import subprocess


def handler(event, context):
    for record in event["Records"]:
        if record["eventName"] != "INSERT":
            continue
        image = record["dynamodb"]["NewImage"]
        name = image["display_name"]["S"]
        subprocess.run(f"/opt/bin/make-avatar --name '{name}'", shell=True, check=True)
