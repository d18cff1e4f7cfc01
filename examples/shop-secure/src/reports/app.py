"""Reports: CSV exports of sales (Postgres) and analytics (Redshift Serverless).

Served by a Function URL with AWS_IAM auth: callers sign requests with SigV4.
"""

import csv
import datetime
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
sts = boto3.client("sts")
redshift = boto3.client("redshift-data")
secrets_client = boto3.client("secretsmanager")
EXPORTS_BUCKET = os.environ["EXPORTS_BUCKET"]
PARTNER_BUCKET = os.environ["PARTNER_BUCKET"]
PARTNER_ROLE_ARN = os.environ["PARTNER_ROLE_ARN"]
REGIONS = frozenset({"eu", "us", "apac"})
# Fixed: the analytics metric selects one of these fixed statements; input is a bound parameter.
ANALYTICS_QUERIES = {
    "revenue": "SELECT day, SUM(revenue) AS value FROM daily_sales WHERE day >= :since GROUP BY day ORDER BY day",
    "orders": "SELECT day, SUM(order_count) AS value FROM daily_sales WHERE day >= :since GROUP BY day ORDER BY day",
    "units": "SELECT day, SUM(units_sold) AS value FROM daily_sales WHERE day >= :since GROUP BY day ORDER BY day",
}
_cache = {}


def handler(event, context):
    params = event.get("queryStringParameters") or {}
    report = params.get("report", "sales")
    try:
        since = datetime.date.fromisoformat(params.get("since", "1970-01-01")).isoformat()
    except ValueError:
        return _response(400, {"message": "since must be a date (YYYY-MM-DD)"})
    if report == "sales" and params.get("region", "eu") in REGIONS:
        header, rows = sales_report(since, params.get("region", "eu"))
    elif report == "analytics" and params.get("metric", "revenue") in ANALYTICS_QUERIES:
        header, rows = analytics_report(params.get("metric", "revenue"), since)
    else:
        return _response(400, {"message": "unknown report, region or metric"})
    key = f"exports/{report}-{int(time.time())}.csv"
    body = _to_csv(header, rows)
    s3.put_object(Bucket=EXPORTS_BUCKET, Key=key, Body=body, ContentType="text/csv")
    if params.get("share") == "partner":
        _partner_s3().put_object(Bucket=PARTNER_BUCKET, Key=key, Body=body)
    url = s3.generate_presigned_url(
        "get_object", Params={"Bucket": EXPORTS_BUCKET, "Key": key}, ExpiresIn=900
    )
    return _response(200, {"url": url})


def _db_credentials():
    # Fixed: the database password comes from Secrets Manager, not from the environment.
    if "db" not in _cache:
        secret = secrets_client.get_secret_value(SecretId=os.environ["DB_SECRET_ARN"])
        _cache["db"] = json.loads(secret["SecretString"])
    return _cache["db"]


def _partner_s3():
    # Fixed: short-lived credentials from a role the partner trusts, instead of access keys in code.
    assumed = sts.assume_role(RoleArn=PARTNER_ROLE_ARN, RoleSessionName="shop-reports", DurationSeconds=900)
    credentials = assumed["Credentials"]
    return boto3.client(
        "s3",
        aws_access_key_id=credentials["AccessKeyId"],
        aws_secret_access_key=credentials["SecretAccessKey"],
        aws_session_token=credentials["SessionToken"],
    )


def sales_report(since, region):
    credentials = _db_credentials()
    connection = psycopg.connect(
        host=os.environ["DB_HOST"],
        dbname=os.environ["DB_NAME"],
        user=credentials["username"],
        password=credentials["password"],
        sslmode="verify-full",
        sslrootcert=os.environ.get("DB_CA_BUNDLE", "/opt/certs/rds-global-bundle.pem"),
    )
    with connection, connection.cursor() as cur:
        # Fixed: values are bound parameters, never part of the SQL text.
        cur.execute(
            "SELECT order_id, customer_email, total, created_at FROM orders"
            " WHERE created_at >= %s AND region = %s ORDER BY created_at",
            (since, region),
        )
        rows = cur.fetchall()
    return ["order_id", "customer_email", "total", "created_at"], rows


def analytics_report(metric, since):
    statement = redshift.execute_statement(
        WorkgroupName=os.environ["REDSHIFT_WORKGROUP"],
        Database=os.environ["REDSHIFT_DATABASE"],
        Sql=ANALYTICS_QUERIES[metric],
        Parameters=[{"name": "since", "value": since}],
    )
    statement_id = statement["Id"]
    status = "SUBMITTED"
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
