# Benchmark case (false): constants that name secret fields and headers, not secret values
import json

PASSWORD_FIELD = "password"
TOKEN_HEADER = "X-Api-Token"
SECRET_KEY_NAME = "prod/stripe/secret-key"


def handler(event, context):
    body = json.loads(event["body"])
    has_password = PASSWORD_FIELD in body
    has_token = TOKEN_HEADER.lower() in {k.lower() for k in event["headers"]}
    return {"statusCode": 200, "body": json.dumps([has_password, has_token, SECRET_KEY_NAME])}
