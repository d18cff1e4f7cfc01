"""PY012: Regular expression that backtracks catastrophically applied to untrusted input."""

from __future__ import annotations

from collections.abc import Iterator

from faasguard.analysis.project import Project
from faasguard.analysis.python.findings import flow_hits
from faasguard.core.enums import Category, Confidence, Severity
from faasguard.core.rule import Hit, Rule, RuleContext

SEVERITY = Severity.MEDIUM


def check(project: Project, ctx: RuleContext) -> Iterator[Hit]:
    return flow_hits(project, "PY012", SEVERITY)


RULE = Rule(
    id="PY012",
    name="catastrophic-regex",
    category=Category.REDOS,
    severity=SEVERITY,
    summary=(
        "A regular expression that backtracks exponentially or polynomially is applied to "
        "untrusted input."
    ),
    cwe=(1333,),
    confidence=Confidence.HIGH,
    remediation=(
        "Rewrite the pattern so every character can be matched one way only (no nested or "
        "adjacent quantifiers over the same characters; use possessive quantifiers or atomic "
        "groups in Python 3.11+), limit the input length first, or use google-re2."
    ),
    references=(
        "https://owasp.org/www-community/attacks/Regular_expression_Denial_of_Service_-_ReDoS",
        "https://docs.python.org/3/library/re.html#regular-expression-syntax",
    ),
    project_check=check,
    doc=r"""
## What it does
Decides statically, from the pattern, whether a regular expression backtracks exponentially
(nested quantifiers such as `(a+)+`, `(\w+\s?)*`, or alternatives that match the same
character inside a repeat, such as `(.|\s)*`) or polynomially (adjacent quantifiers over
common characters such as `\d+\d+`), and reports such patterns when they are applied to
untrusted input. Exponential cases keep the rule's severity; polynomial ones are one step lower.

## Why is this bad?
A request of a few kilobytes makes the match run for minutes: every request ties up a function
instance until its timeout, and concurrency and cost climb with the attacker's request rate.

## Example
```python app.py
import re

EMAIL = re.compile(r"^([a-zA-Z0-9_.-])+@(([a-zA-Z0-9-])+\.)+([a-zA-Z0-9]{2,4})+$")

def handler(event, context):
    ok = EMAIL.match(event["queryStringParameters"]["email"]) is not None
    return {"statusCode": 200 if ok else 400}
```

## Use instead
```python app.py
import re

EMAIL = re.compile(r"^[a-zA-Z0-9_.-]+@[a-zA-Z0-9-]+(\.[a-zA-Z0-9-]+)*\.[a-zA-Z]{2,24}$")

def handler(event, context):
    email = event["queryStringParameters"]["email"]
    ok = len(email) <= 254 and EMAIL.match(email) is not None
    return {"statusCode": 200 if ok else 400}
```

## Known problems
The analysis approximates character classes on a sample alphabet and does not look into
backreferences or lookarounds. Patterns that are slow only because `re.search` retries every
start position (`\s+$`) are not reported.

## References
- https://owasp.org/www-community/attacks/Regular_expression_Denial_of_Service_-_ReDoS
""",
)

__all__ = ["RULE", "check"]
