# Benchmark case (false): password-reset token from secrets.token_urlsafe
import json
import secrets


def handler(event, context):
    reset_token = secrets.token_urlsafe(32)
    return {"statusCode": 201, "body": json.dumps({"reset_token": reset_token})}
