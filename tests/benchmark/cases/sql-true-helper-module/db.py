import os

import pymysql

_conn = pymysql.connect(host=os.environ["DB_HOST"], user="app", database="users")


def find_user(user_id):
    sql = "SELECT id, email FROM users WHERE id = " + user_id
    return _run(sql)


def _run(sql):
    with _conn.cursor() as cur:
        cur.execute(sql)
        return cur.fetchone()
