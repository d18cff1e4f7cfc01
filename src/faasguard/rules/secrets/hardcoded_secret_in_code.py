"""SEC001: a credential is written in the Python code."""

from __future__ import annotations

from collections.abc import Iterator

from faasguard.analysis.project import Project
from faasguard.analysis.secrets import SecretSite
from faasguard.core.enums import Category, Confidence, Severity
from faasguard.core.rule import Hit, Rule, RuleContext
from faasguard.rules.secrets._report import secret_hits


def check(project: Project, ctx: RuleContext) -> Iterator[Hit]:
    return secret_hits(project, SecretSite.CODE, "in the code")


RULE = Rule(
    id="SEC001",
    name="hardcoded-secret-in-code",
    category=Category.HARDCODED_SECRET,
    severity=Severity.HIGH,
    summary="A credential (key, token, password) is written in the Python code.",
    cwe=(798,),
    confidence=Confidence.MEDIUM,
    remediation="Keep the secret in AWS Secrets Manager or SSM Parameter Store (SecureString), "
    "read it at run time (Powertools Parameters, the Parameters and Secrets extension), and "
    "rotate the value that was committed: it stays in the repository's history.",
    references=(
        "https://docs.aws.amazon.com/secretsmanager/latest/userguide/retrieving-secrets_lambda.html",
        "https://docs.powertools.aws.dev/lambda/python/latest/utilities/parameters/",
        "https://cwe.mitre.org/data/definitions/798.html",
    ),
    project_check=check,
    doc="""
## What it does
Reports credentials written in Python source: a known credential format in any string,
f-string or comment (AWS access key ids, GitHub, GitLab, Slack, Stripe, Google, SendGrid,
npm, OpenAI, Anthropic, Twilio and other tokens, JWTs, passwords inside connection URLs),
any usable literal stored under a secret-like name (`DB_PASSWORD = ...`,
`aws_secret_access_key="..."`, `{"api_key": ...}`, a parameter default, a comparison, the
fallback of `os.environ.get("STRIPE_KEY", "...")`), the key passed to `jwt.encode`,
`hmac.new`, `Fernet` and similar, and - with low confidence - long random-looking values
under other names. An AWS access key id with a secret access key within five lines is
critical. Messages show at most the first four characters and the length.

Patterns are data: `faasguard/data/secret_patterns.json` (shared with IAC030) and
`faasguard/data/secret_scan.json`. Placeholders (`changeme`, `<your key>`, `${SECRET}`),
references to a store (ARNs, parameter paths) and header or constant names are not
reported. AWS's published example keys (`AKIAIOSFODNN7EXAMPLE` and its secret key) are
skipped: they cannot authenticate anywhere. Findings in test files get low confidence.

## Why is this bad?
Code is copied everywhere: every clone, fork, CI log, deployment package and container
image carries the secret, and the repository's history keeps it after the line is
deleted. Leaked cloud keys are found by scanners within minutes of a push and used to run
up bills or steal data; a key in code also cannot be rotated without a release.

## Example
```python app.py
import os

import stripe

stripe.api_key = os.environ.get("STRIPE_SECRET_KEY", "sk_live_51DocsExampleKey00000000000000")
```

## Use instead
```python app.py
import os

import stripe
from aws_lambda_powertools.utilities import parameters

stripe.api_key = parameters.get_secret(os.environ["STRIPE_SECRET_ARN"])
```

## Known problems
Only names and formats tell a secret: a password stored as `value` with no known format is
missed, and a non-secret under a secret-like name (`token = "ab12-cd34"` as a fixture) is
reported. A password made only of lower-case letters is reported with low confidence.

## References
- https://cwe.mitre.org/data/definitions/798.html
- https://docs.aws.amazon.com/secretsmanager/latest/userguide/retrieving-secrets_lambda.html
""",
)

__all__ = ["RULE", "check"]
