# Benchmark case (true): bucket and key from the body given to s3.get_object (confused deputy)
import json

import boto3

s3 = boto3.client("s3")


def handler(event, context):
    body = json.loads(event["body"])
    obj = s3.get_object(Bucket=body["bucket"], Key=body["key"])
    return {"statusCode": 200, "body": obj["Body"].read().decode()}
