# Benchmark case (false): named template loaded from the package; user data only in the context
from jinja2 import Environment, PackageLoader, select_autoescape

env = Environment(loader=PackageLoader("app"), autoescape=select_autoescape())


def handler(event, context):
    params = event["queryStringParameters"]
    page = env.get_template("report.html").render(title=params.get("title", "Report"))
    return {"statusCode": 200, "body": page}
