# Benchmark case (false): expression taken from the function's own environment configuration, not
# from the event
import os

THRESHOLD = os.environ.get("ALERT_EXPRESSION", "errors > 10")


def handler(event, context):
    return eval(THRESHOLD, {"__builtins__": {}}, {"errors": 3})
