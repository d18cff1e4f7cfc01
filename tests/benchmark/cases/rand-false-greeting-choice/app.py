# Benchmark case (false): random.choice picks a greeting text (no security use)
import json
import random

GREETINGS = ["Hello", "Hi", "Welcome back"]


def handler(event, context):
    return {"statusCode": 200, "body": json.dumps({"greeting": random.choice(GREETINGS)})}
