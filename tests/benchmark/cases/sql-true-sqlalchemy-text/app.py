# Benchmark case (true): path parameter in an f-string passed to SQLAlchemy text()
import json
import os

from sqlalchemy import create_engine, text

engine = create_engine(os.environ["DATABASE_URL"])


def handler(event, context):
    sku = event["pathParameters"]["sku"]
    with engine.connect() as connection:
        rows = connection.execute(text(f"SELECT * FROM stock WHERE sku = '{sku}'")).all()
    return {"statusCode": 200, "body": json.dumps([dict(r._mapping) for r in rows])}
