# Benchmark case (true): Function URL path segment given to __import__
def handler(event, context):
    name = event["rawPath"].strip("/").split("/")[0]
    module = __import__(name)
    return {"statusCode": 200, "body": repr(dir(module))}
