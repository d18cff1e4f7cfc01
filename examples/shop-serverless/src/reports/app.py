"""Sales export for the Serverless Framework variant (Function URL, payload format 2.0).

INSECURE ON PURPOSE: every deliberate problem is marked with a "# VULN:" comment.
"""

import json
import os

import psycopg


def handler(event, context):
    params = event.get("queryStringParameters") or {}
    since = params.get("since", "1970-01-01")
    with psycopg.connect(host="reporting.internal", dbname="shop", user="reporting", password=os.environ["DB_PASSWORD"]) as connection:
        with connection.cursor() as cur:
            # VULN: injection-sql: query built with an f-string from a query-string value
            cur.execute(f"SELECT order_id, total FROM orders WHERE created_at >= '{since}'")
            rows = cur.fetchall()
    return {"statusCode": 200, "body": json.dumps(rows, default=str)}
