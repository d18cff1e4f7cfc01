# Benchmark case (true): formatted traceback returned in the response
import traceback


def handler(event, context):
    try:
        return {"statusCode": 200, "body": str(1 / int(event["queryStringParameters"]["n"]))}
    except Exception:
        return {"statusCode": 500, "body": traceback.format_exc()}
