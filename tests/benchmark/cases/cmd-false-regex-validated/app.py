# Benchmark case (false): branch name validated by re.fullmatch against a strict pattern before
# the shell command
import re
import subprocess

BRANCH = re.compile(r"[A-Za-z0-9._-]{1,64}")


def handler(event, context):
    branch = event["pathParameters"]["branch"]
    if not BRANCH.fullmatch(branch):
        return {"statusCode": 400}
    log = subprocess.check_output(f"git -C /tmp/repo log -1 {branch}", shell=True)
    return {"statusCode": 200, "body": log.decode()}
