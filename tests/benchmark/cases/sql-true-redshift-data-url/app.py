# Benchmark case (true): Function URL query parameter concatenated into a Redshift Data API
# statement
import json
import os

import boto3

redshift = boto3.client("redshift-data")


def handler(event, context):
    region = (event.get("queryStringParameters") or {}).get("region", "eu")
    response = redshift.execute_statement(
        WorkgroupName=os.environ["WORKGROUP"],
        Database="analytics",
        Sql="SELECT SUM(amount) FROM sales WHERE region = '" + region + "'",
    )
    return {"statusCode": 202, "body": json.dumps({"id": response["Id"]})}
