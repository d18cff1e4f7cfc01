# Benchmark case (false): SQLAlchemy text() with a bound parameter for the path value
import json
import os

from sqlalchemy import create_engine, text

engine = create_engine(os.environ["DATABASE_URL"])
BY_SKU = text("SELECT * FROM stock WHERE sku = :sku")


def handler(event, context):
    sku = event["pathParameters"]["sku"]
    with engine.connect() as connection:
        rows = connection.execute(BY_SKU, {"sku": sku}).all()
    return {"statusCode": 200, "body": json.dumps([dict(r._mapping) for r in rows])}
