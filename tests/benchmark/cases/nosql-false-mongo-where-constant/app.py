# Benchmark case (false): constant $where expression; the user value is str-cast into a plain
# equality filter
import json
import os

from pymongo import MongoClient

db = MongoClient(os.environ["MONGO_URI"])["shop"]

OVERDUE = "this.paid_at == null && this.due_at < new Date()"


def handler(event, context):
    owner = str(event["queryStringParameters"]["owner"])
    docs = db.invoices.find({"$where": OVERDUE, "owner": owner}, {"_id": 0})
    return {"statusCode": 200, "body": json.dumps(list(docs), default=str)}
