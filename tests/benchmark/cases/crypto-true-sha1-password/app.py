# Benchmark case (true): password hashed with a single salted SHA-1
import hashlib
import json
import os


def hash_password(password, salt):
    return hashlib.sha1(salt + password.encode()).hexdigest()


def handler(event, context):
    body = json.loads(event["body"])
    salt = os.urandom(16)
    return {"statusCode": 201, "body": json.dumps({"hash": hash_password(body["password"], salt)})}
