# Benchmark case (true): one-time code for a Cognito custom challenge drawn with random.randint
import random


def handler(event, context):
    otp = str(random.randint(100000, 999999))
    event["response"]["privateChallengeParameters"] = {"answer": otp}
    event["response"]["publicChallengeParameters"] = {"hint": "code sent by e-mail"}
    return event
