# Benchmark case (true): second-order: scheduled job receives SQS messages in code and builds SQL
# from them
import json
import os

import boto3
import psycopg2

sqs = boto3.client("sqs")
conn = psycopg2.connect(os.environ["DATABASE_URL"])


def handler(event, context):
    messages = sqs.receive_message(QueueUrl=os.environ["QUEUE_URL"], MaxNumberOfMessages=10)
    cur = conn.cursor()
    for message in messages.get("Messages", []):
        refund = json.loads(message["Body"])
        cur.execute("UPDATE orders SET status = 'REFUNDED' WHERE id = '%s'" % refund["order_id"])
    conn.commit()
