# Benchmark case (false): dict holds constant pickled defaults and the body; only the constant
# entry is unpickled
import pickle

DEFAULTS = pickle.dumps({"theme": "light", "currency": "EUR"})


def handler(event, context):
    blobs = {"defaults": DEFAULTS, "submitted": event["body"]}
    settings = pickle.loads(blobs["defaults"])
    return {
        "statusCode": 200,
        "body": str(settings),
        "headers": {"x-len": str(len(blobs["submitted"]))},
    }
