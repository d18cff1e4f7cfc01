# Benchmark case (false): path parameter passed to a helper module that shlex-quotes it before the
# shell
import tools


def handler(event, context):
    return {"statusCode": 200, "body": str(tools.compressed_size(event["pathParameters"]["name"]))}
