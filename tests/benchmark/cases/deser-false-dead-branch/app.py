# Benchmark case (false): unsafe yaml.load under a constant False flag; safe_load on the live path
import yaml

TRUST_INPUT = False


def handler(event, context):
    if TRUST_INPUT:
        data = yaml.load(event["body"], Loader=yaml.UnsafeLoader)
    else:
        data = yaml.safe_load(event["body"])
    return {"statusCode": 200, "body": str(data)}
