# Benchmark case (true): Stripe live secret key set in code
import json

import stripe

stripe.api_key = "sk_live_hGAkWvj7FAc9QeWJKY40uvSw"


def handler(event, context):
    intent = stripe.PaymentIntent.create(amount=json.loads(event["body"])["amount"], currency="eur")
    return {"statusCode": 201, "body": json.dumps({"id": intent["id"]})}
