# Benchmark case (true): SQS body stored on an instance attribute and used in a $where clause by a
# method
import json
import os

from pymongo import MongoClient

db = MongoClient(os.environ["MONGO_URI"])["shop"]


class Sweep:
    def __init__(self, condition):
        self.condition = condition

    def run(self):
        return db.carts.delete_many({"$where": self.condition})


def handler(event, context):
    for record in event["Records"]:
        job = json.loads(record["body"])
        Sweep(job["condition"]).run()
