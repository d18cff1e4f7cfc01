# Benchmark case (true): ALB base64-encoded body decoded and the each list item %-formatted into
# an INSERT
import base64
import json
import os

import pymysql

conn = pymysql.connect(host=os.environ["DB_HOST"], user="app", database="shop")


def handler(event, context):
    raw = event["body"]
    if event.get("isBase64Encoded"):
        raw = base64.b64decode(raw).decode()
    tags = json.loads(raw)["tags"]
    with conn.cursor() as cur:
        for tag in tags:
            cur.execute("INSERT INTO tags (name) VALUES ('%s')" % tag)
    conn.commit()
    return {"statusCode": 201}
