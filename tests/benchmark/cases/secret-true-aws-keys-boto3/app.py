# Benchmark case (true): AWS access key pair written into a boto3 client call
import boto3

s3 = boto3.client(
    "s3",
    aws_access_key_id="AKIAUJZDEGXDNCF32EPF",
    aws_secret_access_key="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",
)


def handler(event, context):
    return s3.list_objects_v2(Bucket="reports-archive").get("KeyCount", 0)
