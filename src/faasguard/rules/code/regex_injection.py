"""PY011: Regular expression compiled from untrusted input."""

from __future__ import annotations

from collections.abc import Iterator

from faasguard.analysis.project import Project
from faasguard.analysis.python.findings import flow_hits
from faasguard.core.enums import Category, Confidence, Severity
from faasguard.core.rule import Hit, Rule, RuleContext

SEVERITY = Severity.MEDIUM


def check(project: Project, ctx: RuleContext) -> Iterator[Hit]:
    return flow_hits(project, "PY011", SEVERITY)


RULE = Rule(
    id="PY011",
    name="regex-injection",
    category=Category.REDOS,
    severity=SEVERITY,
    summary="A regular expression pattern comes from untrusted input.",
    cwe=(1333, 730),
    confidence=Confidence.HIGH,
    remediation=(
        "Escape input used inside a pattern (re.escape), or match it as plain text (str.find, "
        "'in'). If users must write patterns, use an engine without backtracking (google-re2) "
        "with a time limit."
    ),
    references=(
        "https://owasp.org/www-community/attacks/Regular_expression_Denial_of_Service_-_ReDoS",
        "https://docs.python.org/3/library/re.html#re.escape",
    ),
    project_check=check,
    doc="""
## What it does
Reports untrusted data used as the pattern of `re` (and `regex`) functions: `compile`, `match`,
`search`, `fullmatch`, `findall`, `finditer`, `split`, `sub`. `re.escape` makes input safe.

## Why is this bad?
A pattern such as `(a+)+$` sent with a long string keeps the function busy until it times out,
for every request the caller sends: a cheap denial of service that you pay for per millisecond.
The caller also changes what the match means.

## Example
```python app.py
import re

NAMES = ["alice", "bob", "carol"]

def handler(event, context):
    pattern = re.compile(event["queryStringParameters"]["q"])
    return {"statusCode": 200, "body": ",".join(n for n in NAMES if pattern.search(n))}
```

## Use instead
```python app.py
import re

NAMES = ["alice", "bob", "carol"]

def handler(event, context):
    pattern = re.compile(re.escape(event["queryStringParameters"]["q"]))
    return {"statusCode": 200, "body": ",".join(n for n in NAMES if pattern.search(n))}
```

## References
- https://owasp.org/www-community/attacks/Regular_expression_Denial_of_Service_-_ReDoS
""",
)

__all__ = ["RULE", "check"]
