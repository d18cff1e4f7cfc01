# Benchmark case (true): path parameter passed to a query builder in another module (db.py) that
# concatenates it
import json

import db


def handler(event, context):
    user_id = event["pathParameters"]["userId"]
    user = db.find_user(user_id)
    return {"statusCode": 200, "body": json.dumps(user)}
