# Benchmark case (true): EventBridge detail supplies a MongoDB aggregation pipeline
import os

from pymongo import MongoClient

db = MongoClient(os.environ["MONGO_URI"])["shop"]


def handler(event, context):
    pipeline = event["detail"]["pipeline"]
    return list(db.sales.aggregate(pipeline))
