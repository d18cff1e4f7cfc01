# Benchmark case (true): tainted value stored under a constant key of a dict and read back by that
# key into SQL
import os

import pymysql

conn = pymysql.connect(host=os.environ["DB_HOST"], user="app", database="shop")


def handler(event, context):
    query = {"table": "reviews", "author": event["queryStringParameters"]["author"]}
    sql = "SELECT * FROM %s WHERE author = '%s'" % (query["table"], query["author"])
    with conn.cursor() as cur:
        cur.execute(sql)
        return {"statusCode": 200, "body": str(cur.fetchall())}
