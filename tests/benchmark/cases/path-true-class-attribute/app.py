# Benchmark case (true): query value becomes an instance attribute path that a method writes to
import json


class Upload:
    def __init__(self, name):
        self.destination = "/tmp/uploads/" + name

    def save(self, data):
        with open(self.destination, "w") as handle:
            handle.write(data)


def handler(event, context):
    upload = Upload(event["queryStringParameters"]["name"])
    upload.save(json.loads(event["body"])["content"])
    return {"statusCode": 201}
