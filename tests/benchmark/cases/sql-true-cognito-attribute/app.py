# Benchmark case (true): Cognito pre-sign-up userAttributes value concatenated into an INSERT
import os

import psycopg2

conn = psycopg2.connect(os.environ["DATABASE_URL"])


def handler(event, context):
    attributes = event["request"]["userAttributes"]
    cur = conn.cursor()
    cur.execute(
        "INSERT INTO signups (email, company) VALUES ('"
        + attributes["email"]
        + "', '"
        + attributes.get("custom:company", "")
        + "')"
    )
    conn.commit()
    return event
