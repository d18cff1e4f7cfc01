# Benchmark case (true): query string value formatted into a MongoDB $where JavaScript expression
import os

from pymongo import MongoClient

db = MongoClient(os.environ["MONGO_URI"])["shop"]


def handler(event, context):
    owner = event["queryStringParameters"]["owner"]
    docs = db.orders.find({"$where": f"this.owner == '{owner}'"})
    return {"statusCode": 200, "body": str(list(docs))}
