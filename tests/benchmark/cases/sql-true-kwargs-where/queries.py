import os

import pymysql

conn = pymysql.connect(host=os.environ["DB_HOST"], user="app", database="shop")


def search(table, **conditions):
    where = " AND ".join(f"{column} = '{value}'" for column, value in conditions.items())
    with conn.cursor() as cur:
        cur.execute(f"SELECT * FROM {table} WHERE {where}")
        return cur.fetchall()
