# Benchmark case (false): path value passed to a helper that renders a constant template with it
# as a variable
from render import page


def handler(event, context):
    return {"statusCode": 200, "body": page(event["pathParameters"]["title"])}
