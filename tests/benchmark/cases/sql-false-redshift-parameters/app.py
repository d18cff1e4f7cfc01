# Benchmark case (false): Redshift Data API statement with a named parameter for the query-string
# value
import json
import os

import boto3

redshift = boto3.client("redshift-data")


def handler(event, context):
    region = (event.get("queryStringParameters") or {}).get("region", "eu")
    response = redshift.execute_statement(
        WorkgroupName=os.environ["WORKGROUP"],
        Database="analytics",
        Sql="SELECT SUM(amount) FROM sales WHERE region = :region",
        Parameters=[{"name": "region", "value": region}],
    )
    return {"statusCode": 202, "body": json.dumps({"id": response["Id"]})}
