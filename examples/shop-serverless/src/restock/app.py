"""Hourly restock job for the Serverless Framework variant (python3.8 runtime).

INSECURE ON PURPOSE: every deliberate problem is marked with a "# VULN:" comment.
"""

import os

import boto3
import yaml

s3 = boto3.client("s3")
RULES_BUCKET = "faasguard-shop-config"


def handler(event, context):
    document = s3.get_object(Bucket=RULES_BUCKET, Key="restock-rules.yaml")["Body"].read()
    # VULN: deserialization: yaml.load with the unsafe Loader
    rules = yaml.load(document, Loader=yaml.Loader)
    return {"rules": len(rules or []), "stage": os.environ.get("STAGE", "prod")}
