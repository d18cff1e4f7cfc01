# Benchmark case (true): path parameter passed to a helper module that runs it through a shell
import tools


def handler(event, context):
    name = event["pathParameters"]["name"]
    size = tools.compressed_size(name)
    return {"statusCode": 200, "body": str(size)}
