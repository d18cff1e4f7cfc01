# Benchmark case (false): Werkzeug secure_filename applied to the requested name
import os

from werkzeug.utils import secure_filename


def handler(event, context):
    name = secure_filename(event["queryStringParameters"]["file"])
    with open(os.path.join("/var/task/static", name)) as handle:
        return {"statusCode": 200, "body": handle.read()}
