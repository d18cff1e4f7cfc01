# Benchmark case (true): path value concatenated into template source
import jinja2


def handler(event, context):
    comment = event["pathParameters"]["comment"]
    source = "<p>" + comment + "</p><footer>{{ footer }}</footer>"
    return {"statusCode": 200, "body": jinja2.Template(source).render(footer="(c) shop")}
