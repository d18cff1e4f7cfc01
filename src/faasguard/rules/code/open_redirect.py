"""PY014: Redirect to a URL from untrusted input."""

from __future__ import annotations

from collections.abc import Iterator

from faasguard.analysis.project import Project
from faasguard.analysis.python.findings import flow_hits
from faasguard.core.enums import Category, Confidence, Severity
from faasguard.core.rule import Hit, Rule, RuleContext

SEVERITY = Severity.MEDIUM


def check(project: Project, ctx: RuleContext) -> Iterator[Hit]:
    return flow_hits(project, "PY014", SEVERITY)


RULE = Rule(
    id="PY014",
    name="open-redirect",
    category=Category.BROKEN_ACCESS_CONTROL,
    severity=SEVERITY,
    summary=(
        "A redirect (Location header or framework redirect) goes to a URL taken from the request."
    ),
    cwe=(601,),
    confidence=Confidence.HIGH,
    remediation=(
        "Redirect only to paths of your own site (a value starting with a single '/') or to hosts"
        " on an allow-list checked on the parsed URL; otherwise map a short name to a fixed URL."
    ),
    references=(
        "https://cheatsheetseries.owasp.org/cheatsheets/Unvalidated_Redirects_and_Forwards_Cheat_Sheet.html",
        "https://cwe.mitre.org/data/definitions/601.html",
    ),
    project_check=check,
    doc=r"""
## What it does
Reports `Location` headers of the response dict a handler returns, and framework redirects
(`flask.redirect`, Django, Starlette/FastAPI `RedirectResponse`, Chalice `Response`), whose URL
comes from the request, unless a constant prefix fixes the host or keeps it a local path.

## Why is this bad?
A link to your own domain that lands on the attacker's site is the best phishing bait there is,
and redirects that carry tokens (OAuth, password reset) hand them over.

## Example
```python app.py
def handler(event, context):
    target = event["queryStringParameters"]["next"]
    return {"statusCode": 302, "headers": {"Location": target}}
```

## Use instead
```python app.py
PAGES = {"orders": "/account/orders", "home": "/"}

def handler(event, context):
    target = PAGES.get(event["queryStringParameters"]["next"], "/")
    return {"statusCode": 302, "headers": {"Location": target}}
```

## Known problems
A value checked with `startswith("/")` is taken as a local path, although `/\evil.example`
is read as another host by some browsers.

## References
- https://cheatsheetseries.owasp.org/cheatsheets/Unvalidated_Redirects_and_Forwards_Cheat_Sheet.html
""",
)

__all__ = ["RULE", "check"]
