# Benchmark case (false): sort column checked against an allow-list before it is formatted into
# ORDER BY
import json
import os

import psycopg2

conn = psycopg2.connect(os.environ["DATABASE_URL"])
SORTABLE = {"name", "price", "created_at"}


def handler(event, context):
    params = event.get("queryStringParameters") or {}
    column = params.get("sort", "name")
    if column not in SORTABLE:
        return {"statusCode": 400, "body": json.dumps({"error": "bad sort"})}
    cur = conn.cursor()
    cur.execute(f"SELECT id, name, price FROM products ORDER BY {column}")
    return {"statusCode": 200, "body": json.dumps(cur.fetchall())}
