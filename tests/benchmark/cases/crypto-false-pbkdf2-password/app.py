# Benchmark case (false): password hashed with PBKDF2-HMAC-SHA256 and many iterations
import hashlib
import json
import os


def hash_password(password, salt):
    return hashlib.pbkdf2_hmac("sha256", password.encode(), salt, 600_000).hex()


def handler(event, context):
    body = json.loads(event["body"])
    salt = os.urandom(16)
    return {"statusCode": 201, "body": json.dumps({"hash": hash_password(body["password"], salt)})}
