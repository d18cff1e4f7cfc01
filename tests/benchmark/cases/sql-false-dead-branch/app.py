# Benchmark case (false): the string-built query sits in a branch guarded by a constant False flag
import os

import pymysql

LEGACY_SEARCH = False
conn = pymysql.connect(host=os.environ["DB_HOST"], user="app", database="shop")


def handler(event, context):
    term = event["queryStringParameters"]["q"]
    with conn.cursor() as cur:
        if LEGACY_SEARCH:
            cur.execute("SELECT * FROM products WHERE name LIKE '%" + term + "%'")
        else:
            cur.execute("SELECT * FROM products WHERE name LIKE %s", ("%" + term + "%",))
        return {"statusCode": 200, "body": str(cur.fetchall())}
