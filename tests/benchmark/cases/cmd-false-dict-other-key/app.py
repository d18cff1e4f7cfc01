# Benchmark case (false): a dict holds a constant command and the user name; only the command runs
import os


def handler(event, context):
    task = {"command": "df -h /tmp", "requested_by": event["queryStringParameters"]["user"]}
    status = os.system(task["command"])
    return {"statusCode": 200, "body": f"{task['requested_by']}: {status}"}
