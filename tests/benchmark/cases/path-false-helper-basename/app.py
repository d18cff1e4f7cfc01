# Benchmark case (false): path parameter passed to a storage helper that applies basename first
import storage


def handler(event, context):
    return {"statusCode": 200, "body": storage.read_report(event["pathParameters"]["name"])}
