# Benchmark case (false): Stripe key fetched from Secrets Manager at cold start
import json
import os

import boto3
import stripe

secrets = boto3.client("secretsmanager")
stripe.api_key = secrets.get_secret_value(SecretId=os.environ["STRIPE_SECRET_ARN"])["SecretString"]


def handler(event, context):
    intent = stripe.PaymentIntent.create(amount=json.loads(event["body"])["amount"], currency="eur")
    return {"statusCode": 201, "body": json.dumps({"id": intent["id"]})}
