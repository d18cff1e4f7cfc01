# Benchmark case (true): path parameter passed to a render helper in another module that compiles
# it as a template
from render import page


def handler(event, context):
    return {"statusCode": 200, "body": page(event["pathParameters"]["title"])}
