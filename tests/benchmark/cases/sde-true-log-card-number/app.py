# Benchmark case (true): card number from the body printed to the logs
import json


def handler(event, context):
    payment = json.loads(event["body"])
    card_number = payment["card_number"]
    print(f"charging card {card_number} for {payment['amount']}")
    return {"statusCode": 202}
