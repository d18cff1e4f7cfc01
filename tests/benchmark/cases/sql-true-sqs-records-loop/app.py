# Benchmark case (true): loop over SQS records, json.loads of each body, value concatenated into
# DELETE
import json
import os

import psycopg2

conn = psycopg2.connect(os.environ["DATABASE_URL"])


def handler(event, context):
    cur = conn.cursor()
    for record in event["Records"]:
        message = json.loads(record["body"])
        cart = message["cart_id"]
        cur.execute("DELETE FROM carts WHERE cart_id = '" + cart + "'")
    conn.commit()
