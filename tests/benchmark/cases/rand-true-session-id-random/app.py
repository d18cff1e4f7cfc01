# Benchmark case (true): session id derived from random.random
import hashlib
import random


def handler(event, context):
    session_id = hashlib.sha256(str(random.random()).encode()).hexdigest()
    return {"statusCode": 200, "cookies": [f"sid={session_id}; Secure; HttpOnly"]}
