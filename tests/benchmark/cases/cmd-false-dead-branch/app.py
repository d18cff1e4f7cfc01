# Benchmark case (false): shell=True variant guarded by a constant False flag; the live path uses
# a list
import json
import subprocess

DEBUG_SHELL = False


def handler(event, context):
    host = json.loads(event["body"])["host"]
    if DEBUG_SHELL:
        subprocess.run("ping -c 1 " + host, shell=True, check=False)
    else:
        subprocess.run(["ping", "-c", "1", host], check=False)
    return {"statusCode": 200}
