# Benchmark case (true): second-order: uploaded S3 XML parsed by lxml with entities and network
# access enabled
import boto3
from lxml import etree

s3 = boto3.client("s3")


def handler(event, context):
    record = event["Records"][0]["s3"]
    data = s3.get_object(Bucket=record["bucket"]["name"], Key=record["object"]["key"])[
        "Body"
    ].read()
    parser = etree.XMLParser(resolve_entities=True, no_network=False)
    tree = etree.fromstring(data, parser=parser)
    return {"items": len(tree)}
