import os
import sqlite3


class OrderRepository:
    def __init__(self, status):
        self.status = status
        self.conn = sqlite3.connect(os.environ.get("DB_PATH", "/tmp/orders.db"))

    def where(self):
        return "status = '%s'" % self.status

    def list(self):
        cur = self.conn.cursor()
        cur.execute("SELECT id, total FROM orders WHERE " + self.where())
        return cur.fetchall()
