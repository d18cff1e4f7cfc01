# Benchmark case (true): Kinesis record data unpickled with dill
import base64

import dill


def handler(event, context):
    for record in event["Records"]:
        model = dill.loads(base64.b64decode(record["kinesis"]["data"]))
        model.update()
