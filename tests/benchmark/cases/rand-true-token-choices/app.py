# Benchmark case (true): password-reset token drawn with random.choices
import json
import random
import string


def handler(event, context):
    reset_token = "".join(random.choices(string.ascii_letters + string.digits, k=32))
    return {"statusCode": 201, "body": json.dumps({"reset_token": reset_token})}
