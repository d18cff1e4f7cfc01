# Benchmark case (true): HTTP API (v2) JSON body field %-formatted into a psycopg2 query
import json
import os

import psycopg2

conn = psycopg2.connect(os.environ["DATABASE_URL"])


def handler(event, context):
    body = json.loads(event.get("body") or "{}")
    email = body["email"]
    cur = conn.cursor()
    cur.execute("SELECT id FROM customers WHERE email = '%s'" % email)
    found = cur.fetchone()
    return {"statusCode": 200 if found else 404, "body": json.dumps({"found": bool(found)})}
