# Benchmark case (true): Cognito user attribute formatted into template source
from jinja2 import Template


def handler(event, context):
    name = event["request"]["userAttributes"].get("given_name", "")
    source = f"Hello {name}, your code is {{{{ code }}}}"
    event["response"]["emailMessage"] = Template(source).render(
        code=event["request"]["codeParameter"]
    )
    return event
