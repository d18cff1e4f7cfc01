import functools
import json


def json_body(fn):
    @functools.wraps(fn)
    def wrapper(event, context):
        return fn(json.loads(event["body"]), context)

    return wrapper
