# Benchmark case (true): second-order: template read from the uploaded S3 object and compiled
import boto3
from jinja2 import Template

s3 = boto3.client("s3")


def handler(event, context):
    record = event["Records"][0]["s3"]
    obj = s3.get_object(Bucket=record["bucket"]["name"], Key=record["object"]["key"])
    source = obj["Body"].read().decode("utf-8")
    rendered = Template(source).render(shop="Example Shop")
    s3.put_object(Bucket=record["bucket"]["name"], Key="rendered/page.html", Body=rendered)
