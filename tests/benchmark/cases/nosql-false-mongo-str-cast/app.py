# Benchmark case (false): login fields cast to str, so operator objects cannot reach the filter
import json
import os

from pymongo import MongoClient

db = MongoClient(os.environ["MONGO_URI"])["shop"]


def handler(event, context):
    body = json.loads(event["body"])
    username = str(body["username"])
    password_hash = str(body["password_hash"])
    user = db.users.find_one({"username": username, "password_hash": password_hash})
    return {"statusCode": 200 if user else 401}
