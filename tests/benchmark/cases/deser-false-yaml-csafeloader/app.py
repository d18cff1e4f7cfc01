# Benchmark case (false): body parsed by yaml.load with CSafeLoader
import yaml


def handler(event, context):
    data = yaml.load(event["body"], Loader=yaml.CSafeLoader)
    return {"statusCode": 200, "body": str(data)}
