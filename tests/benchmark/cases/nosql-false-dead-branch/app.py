# Benchmark case (false): the $where built from input is under a constant False guard
import json
import os

from pymongo import MongoClient

db = MongoClient(os.environ["MONGO_URI"])["shop"]

USE_JS_FILTER = False


def handler(event, context):
    owner = event["queryStringParameters"]["owner"]
    if USE_JS_FILTER:
        docs = db.orders.find({"$where": f"this.owner == '{owner}'"})
    else:
        docs = db.orders.find({"owner": str(owner)})
    return {"statusCode": 200, "body": json.dumps(list(docs), default=str)}
