# Benchmark case (false): uploaded S3 object parsed with yaml.load and SafeLoader
import boto3
import yaml

s3 = boto3.client("s3")


def handler(event, context):
    record = event["Records"][0]["s3"]
    body = s3.get_object(Bucket=record["bucket"]["name"], Key=record["object"]["key"])["Body"]
    manifest = yaml.load(body.read(), Loader=yaml.SafeLoader)
    return {"entries": len(manifest)}
