"""Reports: CSV exports of sales (Postgres) and analytics (Redshift Serverless) behind a Function URL.

INSECURE ON PURPOSE: every deliberate problem is marked with a "# VULN:" comment.
"""

import csv
import io
import json
import logging
import os
import time

import boto3
import psycopg

logger = logging.getLogger()
logger.setLevel(os.environ.get("LOG_LEVEL", "INFO"))

s3 = boto3.client("s3")
redshift = boto3.client("redshift-data")
EXPORTS_BUCKET = os.environ["EXPORTS_BUCKET"]
PARTNER_BUCKET = "acme-bi-dropbox"
partner_s3 = boto3.client(
    "s3",
    # VULN: hardcoded-secret: AWS access key id of the partner account in code
    aws_access_key_id="AKIAFAKESHOPKEYZZ234",
    # VULN: hardcoded-secret: AWS secret access key of the partner account in code
    aws_secret_access_key="fAkEsHoP/sEcReTkEy+NoTrEaL0123456789abcd",
)


def handler(event, context):
    params = event.get("queryStringParameters") or {}
    report = params.get("report", "sales")
    if report == "sales":
        header, rows = sales_report(params.get("since", "1970-01-01"), params.get("region", "eu"))
    elif report == "analytics":
        header, rows = analytics_report(params.get("metric", "revenue"))
    else:
        return _response(400, {"message": "unknown report"})
    key = f"exports/{report}-{int(time.time())}.csv"
    body = _to_csv(header, rows)
    s3.put_object(Bucket=EXPORTS_BUCKET, Key=key, Body=body, ContentType="text/csv")
    if params.get("share") == "partner":
        partner_s3.put_object(Bucket=PARTNER_BUCKET, Key=key, Body=body)
    url = s3.generate_presigned_url(
        "get_object", Params={"Bucket": EXPORTS_BUCKET, "Key": key}, ExpiresIn=3600
    )
    return _response(200, {"url": url})


def sales_report(since, region):
    connection = psycopg.connect(
        host=os.environ["DB_HOST"],
        dbname=os.environ["DB_NAME"],
        user=os.environ["DB_USER"],
        password=os.environ["DB_PASSWORD"],
        sslmode="require",
    )
    with connection, connection.cursor() as cur:
        # VULN: injection-sql: query built with an f-string from query-string values
        cur.execute(f"SELECT order_id, customer_email, total, created_at FROM orders WHERE created_at >= '{since}' AND region = '{region}' ORDER BY created_at")
        rows = cur.fetchall()
    return ["order_id", "customer_email", "total", "created_at"], rows


def analytics_report(metric):
    # VULN: injection-sql: Redshift Data API statement built from a query-string value
    statement = redshift.execute_statement(WorkgroupName=os.environ["REDSHIFT_WORKGROUP"], Database=os.environ["REDSHIFT_DATABASE"], Sql=f"SELECT day, SUM({metric}) AS value FROM daily_sales GROUP BY day ORDER BY day")
    statement_id = statement["Id"]
    for _ in range(60):
        status = redshift.describe_statement(Id=statement_id)["Status"]
        if status in ("FINISHED", "FAILED", "ABORTED"):
            break
        time.sleep(1)
    if status != "FINISHED":
        raise RuntimeError(f"analytics query ended with status {status}")
    result = redshift.get_statement_result(Id=statement_id)
    rows = [[next(iter(cell.values())) for cell in record] for record in result["Records"]]
    return ["day", metric], rows


def _to_csv(header, rows):
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue().encode()


def _response(status, body):
    return {
        "statusCode": status,
        "headers": {"content-type": "application/json"},
        "body": json.dumps(body),
    }
