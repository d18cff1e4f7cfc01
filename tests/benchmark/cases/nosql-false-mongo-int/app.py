# Benchmark case (false): order number cast to int before it is used in the filter
import json
import os

from pymongo import MongoClient

db = MongoClient(os.environ["MONGO_URI"])["shop"]


def handler(event, context):
    number = int(event["pathParameters"]["number"])
    order = db.orders.find_one({"number": number}, {"_id": 0})
    return {"statusCode": 200, "body": json.dumps(order, default=str)}
