# Benchmark case (false): EventBridge detail encoded with jsonpickle.encode (serialising, not
# decoding)
import jsonpickle


def handler(event, context):
    return {"archived": jsonpickle.encode(event["detail"], unpicklable=False)}
