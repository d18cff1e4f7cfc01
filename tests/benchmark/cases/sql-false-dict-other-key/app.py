# Benchmark case (false): dict holds a constant table name and a tainted value; only the constant
# key is formatted in
import os

import pymysql

conn = pymysql.connect(host=os.environ["DB_HOST"], user="app", database="shop")


def handler(event, context):
    query = {"table": "reviews", "author": event["queryStringParameters"]["author"]}
    sql = "SELECT * FROM %s WHERE author = %%s" % query["table"]
    with conn.cursor() as cur:
        cur.execute(sql, (query["author"],))
        return {"statusCode": 200, "body": str(cur.fetchall())}
