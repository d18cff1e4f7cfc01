# Benchmark case (true): login fields from the JSON body used as filter values (operator objects
# like {$ne: ''} pass)
import json
import os

from pymongo import MongoClient

db = MongoClient(os.environ["MONGO_URI"])["shop"]


def handler(event, context):
    body = json.loads(event["body"])
    user = db.users.find_one({"username": body["username"], "password": body["password"]})
    if user is None:
        return {"statusCode": 401}
    return {"statusCode": 200, "body": json.dumps({"user": user["username"]})}
