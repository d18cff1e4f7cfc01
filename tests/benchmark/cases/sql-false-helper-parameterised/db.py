import os

import pymysql

_conn = pymysql.connect(host=os.environ["DB_HOST"], user="app", database="users")
FIND_USER = "SELECT id, email FROM users WHERE id = %s"


def find_user(user_id):
    with _conn.cursor() as cur:
        cur.execute(FIND_USER, (user_id,))
        return cur.fetchone()
