# Benchmark case (false): table name from the environment formatted into SQL, the user value bound
# as a parameter
import os

import pymysql

TABLE = os.environ["PRODUCTS_TABLE"]
conn = pymysql.connect(host=os.environ["DB_HOST"], user="app", database="shop")


def handler(event, context):
    sku = event["pathParameters"]["sku"]
    with conn.cursor() as cur:
        cur.execute(f"SELECT * FROM {TABLE} WHERE sku = %s", [sku])
        return {"statusCode": 200, "body": str(cur.fetchone())}
