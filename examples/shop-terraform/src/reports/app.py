"""Sales export for the Terraform variant (Function URL, payload format 2.0).

Runs on the python3.7 runtime, so it sticks to syntax that runtime understands.
INSECURE ON PURPOSE: every deliberate problem is marked with a "# VULN:" comment.
"""

import json
import os

import boto3
import psycopg2

# VULN: hardcoded-secret: AWS access key id in code
ACCESS_KEY_ID = "AKIAFAKETFSHOPKEY234"
# VULN: hardcoded-secret: AWS secret access key in code
SECRET_ACCESS_KEY = "tErRaFoRm/fAkEsEcReT+kEyNoTrEaL012345678"
partner_s3 = boto3.client("s3", aws_access_key_id=ACCESS_KEY_ID, aws_secret_access_key=SECRET_ACCESS_KEY)


def handler(event, context):
    params = event.get("queryStringParameters") or {}
    region = params.get("region", "eu")
    connection = psycopg2.connect(host=os.environ["DB_HOST"], dbname="shop", user="reporting", password=os.environ["DB_PASSWORD"])
    cur = connection.cursor()
    # VULN: injection-sql: query built by string concatenation from a query-string value
    cur.execute("SELECT order_id, total FROM orders WHERE region = '" + region + "'")
    rows = cur.fetchall()
    body = json.dumps(rows, default=str)
    partner_s3.put_object(Bucket="acme-bi-dropbox", Key="exports/sales.json", Body=body)
    return {"statusCode": 200, "body": body}
