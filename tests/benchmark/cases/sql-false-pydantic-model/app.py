# Benchmark case (false): body validated by a pydantic model with int and Literal fields; only
# those reach the SQL
import json
import os
from typing import Literal

import psycopg2
from pydantic import BaseModel

conn = psycopg2.connect(os.environ["DATABASE_URL"])


class Page(BaseModel):
    limit: int = 20
    order: Literal["asc", "desc"] = "asc"


def handler(event, context):
    page = Page.model_validate_json(event["body"])
    cur = conn.cursor()
    cur.execute(f"SELECT id, name FROM products ORDER BY name {page.order} LIMIT {page.limit}")
    return {"statusCode": 200, "body": json.dumps(cur.fetchall())}
