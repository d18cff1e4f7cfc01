# Benchmark case (true): Function URL query value concatenated into os.popen
import os


def handler(event, context):
    host = event["queryStringParameters"]["host"]
    output = os.popen("nslookup " + host).read()
    return {"statusCode": 200, "body": output}
