# Benchmark case (true): Function URL query value given to Environment.from_string
import jinja2

env = jinja2.Environment(autoescape=True)


def handler(event, context):
    layout = event["queryStringParameters"]["layout"]
    return {"statusCode": 200, "body": env.from_string(layout).render(title="Report")}
