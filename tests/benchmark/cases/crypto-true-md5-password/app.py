# Benchmark case (true): password hashed with unsalted MD5 before it is stored
import hashlib
import json
import os

import boto3

table = boto3.resource("dynamodb").Table(os.environ.get("TABLE", "users"))


def handler(event, context):
    body = json.loads(event["body"])
    password_hash = hashlib.md5(body["password"].encode()).hexdigest()
    table.put_item(Item={"pk": body["username"], "password_hash": password_hash})
    return {"statusCode": 201}
