# Benchmark case (false): path parameter passed to a helper module that uses a parameterised query
import json

import db


def handler(event, context):
    user_id = event["pathParameters"]["userId"]
    return {"statusCode": 200, "body": json.dumps(db.find_user(user_id))}
