# Benchmark case (false): own bucket from the environment, key built from a uuid-validated id
import os
import uuid

import boto3

s3 = boto3.client("s3")
BUCKET = os.environ["AVATAR_BUCKET"]


def handler(event, context):
    user = uuid.UUID(event["pathParameters"]["userId"])
    obj = s3.get_object(Bucket=BUCKET, Key=f"avatars/{user}.png")
    return {"statusCode": 200, "body": obj["Body"].read().hex()}
