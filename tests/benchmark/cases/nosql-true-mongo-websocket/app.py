# Benchmark case (true): WebSocket message body field formatted into a $where expression
import json
import os

from pymongo import MongoClient

db = MongoClient(os.environ["MONGO_URI"])["shop"]


def handler(event, context):
    message = json.loads(event["body"])
    room = message["room"]
    history = list(db.messages.find({"$where": "this.room == '" + room + "'"}).limit(50))
    return {"statusCode": 200, "body": json.dumps(history, default=str)}
