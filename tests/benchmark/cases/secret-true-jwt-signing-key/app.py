# Benchmark case (true): high-entropy JWT signing key assigned to a secret-like name
import json

import jwt

JWT_SIGNING_KEY = "FdnXsiVpzz63FfkCzJr4i0B3JrTAwR4y9ojfljoQoaF"


def handler(event, context):
    claims = {"sub": json.loads(event["body"])["user"]}
    return {"statusCode": 200, "body": jwt.encode(claims, JWT_SIGNING_KEY, algorithm="HS256")}
