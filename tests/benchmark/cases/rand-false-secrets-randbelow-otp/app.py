# Benchmark case (false): one-time code drawn with secrets.randbelow
import secrets


def handler(event, context):
    otp = f"{secrets.randbelow(1_000_000):06d}"
    event["response"]["privateChallengeParameters"] = {"answer": otp}
    return event
