# Benchmark case (false): random.uniform used for retry jitter
import random
import time


def handler(event, context):
    for attempt in range(3):
        delay_seconds = random.uniform(0, 0.1 * 2**attempt)
        time.sleep(delay_seconds)
    return len(event["Records"])
