# Benchmark case (true): tainted host formatted into an otherwise constant URL
import requests


def handler(event, context):
    host = event["queryStringParameters"]["store"]
    status = requests.get(f"https://{host}/health", timeout=2).status_code
    return {"statusCode": 200, "body": str(status)}
