# Benchmark case (true): EventBridge detail supplies the function ARN to invoke
import json

import boto3

lambda_client = boto3.client("lambda")


def handler(event, context):
    target = event["detail"]["handler_arn"]
    lambda_client.invoke(FunctionName=target, Payload=json.dumps(event["detail"]).encode())
