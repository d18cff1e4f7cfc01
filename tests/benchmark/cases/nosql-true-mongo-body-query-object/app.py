# Benchmark case (true): the whole parsed JSON body used as a MongoDB filter document
import json
import os

from pymongo import MongoClient

db = MongoClient(os.environ["MONGO_URI"])["shop"]


def handler(event, context):
    criteria = json.loads(event["body"])
    docs = list(db.products.find(criteria, {"_id": 0}))
    return {"statusCode": 200, "body": json.dumps(docs)}
