# Benchmark case (false): body validated by a pydantic model with str fields before the Mongo
# filter
import os

from pydantic import BaseModel
from pymongo import MongoClient

db = MongoClient(os.environ["MONGO_URI"])["shop"]


class Lookup(BaseModel):
    sku: str
    warehouse: str


def handler(event, context):
    lookup = Lookup.model_validate_json(event["body"])
    stock = db.stock.find_one({"sku": lookup.sku, "warehouse": lookup.warehouse}, {"_id": 0})
    return {"statusCode": 200, "body": str(stock)}
