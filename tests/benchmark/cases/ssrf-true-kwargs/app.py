# Benchmark case (true): parsed body passed as **kwargs to a helper that passes url= on to
# requests.request
import json

from client import call


def handler(event, context):
    response = call(**json.loads(event["body"]))
    return {"statusCode": response.status_code}
