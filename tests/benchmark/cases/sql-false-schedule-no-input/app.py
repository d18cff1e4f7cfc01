# Benchmark case (false): scheduled job formats a computed date into SQL; no untrusted data
# involved
import datetime
import os

import psycopg2

conn = psycopg2.connect(os.environ["DATABASE_URL"])


def handler(event, context):
    cutoff = (datetime.date.today() - datetime.timedelta(days=30)).isoformat()
    cur = conn.cursor()
    cur.execute(f"DELETE FROM sessions WHERE created < '{cutoff}'")
    conn.commit()
