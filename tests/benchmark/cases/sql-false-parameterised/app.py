# Benchmark case (false): query string value passed as a query parameter, never formatted into the
# SQL
import os

import pymysql

conn = pymysql.connect(host=os.environ["DB_HOST"], user="app", database="shop")


def handler(event, context):
    name = (event.get("queryStringParameters") or {}).get("name", "")
    with conn.cursor() as cur:
        cur.execute("SELECT id, name, price FROM products WHERE name = %s", (name,))
        rows = cur.fetchall()
    return {"statusCode": 200, "body": str(rows)}
