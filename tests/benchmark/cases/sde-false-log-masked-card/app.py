# Benchmark case (false): only the last four digits of the card are logged
import json


def handler(event, context):
    payment = json.loads(event["body"])
    last_four = payment["card_number"][-4:]
    print(f"charging card ending {last_four} for {payment['amount']}")
    return {"statusCode": 202}
