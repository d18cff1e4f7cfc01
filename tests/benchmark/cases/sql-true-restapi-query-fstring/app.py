# Benchmark case (true): REST API (v1) query string parameter formatted into a pymysql query
import os

import pymysql

conn = pymysql.connect(host=os.environ["DB_HOST"], user="app", database="shop")


def handler(event, context):
    params = event.get("queryStringParameters") or {}
    name = params.get("name", "")
    with conn.cursor() as cur:
        cur.execute(f"SELECT id, name, price FROM products WHERE name = '{name}'")
        rows = cur.fetchall()
    return {"statusCode": 200, "body": str(rows)}
