# Benchmark case (false): uploaded content written to a generated uuid file name; the client name
# is only echoed
import json
import uuid


def handler(event, context):
    body = json.loads(event["body"])
    path = f"/tmp/{uuid.uuid4()}.bin"
    with open(path, "w") as handle:
        handle.write(body["content"])
    return {"statusCode": 201, "body": json.dumps({"stored": body["filename"]})}
