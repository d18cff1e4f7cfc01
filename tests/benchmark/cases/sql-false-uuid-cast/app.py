# Benchmark case (false): path parameter parsed as a UUID before it is formatted into SQL
import json
import os
import uuid

import psycopg2

conn = psycopg2.connect(os.environ["DATABASE_URL"])


def handler(event, context):
    basket = uuid.UUID(event["pathParameters"]["basketId"])
    cur = conn.cursor()
    cur.execute(f"SELECT sku, quantity FROM basket_items WHERE basket_id = '{basket}'")
    return {"statusCode": 200, "body": json.dumps(cur.fetchall())}
