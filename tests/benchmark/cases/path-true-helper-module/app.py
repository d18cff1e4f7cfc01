# Benchmark case (true): path parameter passed to a storage helper in another module that opens it
import storage


def handler(event, context):
    return {"statusCode": 200, "body": storage.read_report(event["pathParameters"]["name"])}
