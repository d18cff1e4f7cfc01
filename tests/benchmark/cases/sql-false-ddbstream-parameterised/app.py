# Benchmark case (false): DynamoDB stream NewImage values copied with a parameterised INSERT
import os

import psycopg2

conn = psycopg2.connect(os.environ["DATABASE_URL"])


def handler(event, context):
    cur = conn.cursor()
    for record in event["Records"]:
        image = record["dynamodb"].get("NewImage", {})
        cur.execute(
            "INSERT INTO audit (pk, name) VALUES (%s, %s)",
            (image["pk"]["S"], image["display_name"]["S"]),
        )
    conn.commit()
