# Benchmark case (false): path parameter cast to int before it is formatted into SQL
import json
import os

import psycopg2

conn = psycopg2.connect(os.environ["DATABASE_URL"])


def handler(event, context):
    order_id = int(event["pathParameters"]["id"])
    cur = conn.cursor()
    cur.execute(f"SELECT id, total FROM orders WHERE id = {order_id}")
    return {"statusCode": 200, "body": json.dumps(cur.fetchone())}
