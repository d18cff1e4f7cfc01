# Benchmark case (true): SQS message body decoded with jsonpickle
import jsonpickle


def handler(event, context):
    tasks = [jsonpickle.decode(record["body"]) for record in event["Records"]]
    for task in tasks:
        task.run()
