# Benchmark case (true): Powertools APIGatewayHttpResolver route parameter formatted into SQL
import os

import pymysql
from aws_lambda_powertools.event_handler import APIGatewayHttpResolver

app = APIGatewayHttpResolver()
conn = pymysql.connect(host=os.environ["DB_HOST"], user="app", database="shop")


@app.get("/customers/<name>")
def get_customer(name: str):
    with conn.cursor() as cur:
        cur.execute("SELECT * FROM customers WHERE last_name = '%s'" % name)
        return {"customers": cur.fetchall()}


def handler(event, context):
    return app.resolve(event, context)
