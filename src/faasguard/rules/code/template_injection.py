"""PY005: Template source from untrusted input."""

from __future__ import annotations

from collections.abc import Iterator

from faasguard.analysis.project import Project
from faasguard.analysis.python.findings import flow_hits
from faasguard.core.enums import Category, Confidence, Severity
from faasguard.core.rule import Hit, Rule, RuleContext

SEVERITY = Severity.HIGH


def check(project: Project, ctx: RuleContext) -> Iterator[Hit]:
    return flow_hits(project, "PY005", SEVERITY)


RULE = Rule(
    id="PY005",
    name="template-injection",
    category=Category.INJECTION_TEMPLATE,
    severity=SEVERITY,
    summary="A server-side template is compiled from untrusted input.",
    cwe=(1336,),
    confidence=Confidence.HIGH,
    remediation=(
        "Keep templates in code or files you ship; pass input only as render() variables, with "
        "autoescaping on. If users must write templates, use jinja2.sandbox.SandboxedEnvironment "
        "and still limit what the context exposes."
    ),
    references=(
        "https://jinja.palletsprojects.com/en/stable/sandbox/",
        "https://portswigger.net/web-security/server-side-template-injection",
    ),
    project_check=check,
    doc="""
## What it does
Reports untrusted data used as the *source* of a template: `jinja2.Template(x)`,
`Environment.from_string(x)`, `flask.render_template_string(x)`, Mako, Django and Tornado
templates. Input passed as a variable to `render()` is fine and not reported.

## Why is this bad?
Template languages reach Python objects: `{{ cycler.__init__.__globals__.os.popen('id').read() }}`
runs commands inside the function (server-side template injection).

## Example
```python app.py
import jinja2

def handler(event, context):
    greeting = event["queryStringParameters"]["greeting"]
    html = jinja2.Template("<h1>" + greeting + "</h1>").render()
    return {"statusCode": 200, "headers": {"content-type": "text/html"}, "body": html}
```

## Use instead
```python app.py
import jinja2

PAGE = jinja2.Environment(autoescape=True).from_string("<h1>{{ greeting }}</h1>")

def handler(event, context):
    greeting = event["queryStringParameters"]["greeting"]
    html = PAGE.render(greeting=greeting)
    return {"statusCode": 200, "headers": {"content-type": "text/html"}, "body": html}
```

## Known problems
HTML escaping does not make input safe as template source (`{{` survives it), so `html.escape`
is not a sanitiser for this rule.

## References
- https://portswigger.net/web-security/server-side-template-injection
""",
)

__all__ = ["RULE", "check"]
