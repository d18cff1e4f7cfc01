# Benchmark case (false): Cognito custom message from a constant template, attributes passed as
# variables
from jinja2 import Template

MESSAGE = Template("Hello {{ name }}, your code is {{ code }}", autoescape=True)


def handler(event, context):
    event["response"]["emailMessage"] = MESSAGE.render(
        name=event["request"]["userAttributes"].get("given_name", ""),
        code=event["request"]["codeParameter"],
    )
    return event
