# Benchmark case (false): pattern from the function's environment; messages are only matched
# against it
import os
import re

PATTERN = re.compile(os.environ.get("ALERT_PATTERN", r"ERROR \d{3}"))


def handler(event, context):
    return sum(1 for record in event["Records"] if PATTERN.search(record["body"]))
