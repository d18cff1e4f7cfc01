# Benchmark case (false): JWT signing key read from the environment
import json
import os

import jwt

JWT_SIGNING_KEY = os.environ["JWT_SIGNING_KEY"]


def handler(event, context):
    claims = {"sub": json.loads(event["body"])["user"]}
    return {"statusCode": 200, "body": jwt.encode(claims, JWT_SIGNING_KEY, algorithm="HS256")}
