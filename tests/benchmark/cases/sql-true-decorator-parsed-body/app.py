# Benchmark case (true): a decorator parses the body and hands it to the handler, which builds SQL
# from it
import os

import psycopg2
from middleware import json_body

conn = psycopg2.connect(os.environ["DATABASE_URL"])


@json_body
def handler(payload, context):
    cur = conn.cursor()
    cur.execute("UPDATE profiles SET bio = '" + payload["bio"] + "' WHERE id = 1")
    conn.commit()
    return {"statusCode": 204}
