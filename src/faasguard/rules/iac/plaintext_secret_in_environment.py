"""IAC030: a function environment variable holds a secret written as a literal."""

from __future__ import annotations

import re
from collections.abc import Iterator

from faasguard.analysis.secrets.patterns import SecretKind, SecretMatch, classify, find_format, mask
from faasguard.core.enums import Category, Confidence, Severity
from faasguard.core.location import Location
from faasguard.core.rule import Hit, Rule, RuleContext
from faasguard.model.app import App, EnvVar
from faasguard.model.values import Unresolved

_PLACEHOLDER = re.compile(r"\$\{[^}]*\}|\{\{[^}]*\}\}")


def check(app: App, ctx: RuleContext) -> Iterator[Hit]:
    seen: set[Location] = set()
    for function in app.functions.values():
        for var in function.environment.values():
            found = _secret(var)
            if found is None or var.value.loc in seen:
                continue  # a provider-wide variable is reported once, where it is written
            seen.add(var.value.loc)
            match, shown = found
            yield Hit(
                message=f"environment variable {var.name} of {function.name} holds "
                f"{match.description} in plain text ({shown}): anyone who can read the "
                "function's configuration or the template can read it",
                location=var.value.loc,
                resource=function.id,
                function=function.name,
                severity=match.severity,
                confidence=match.confidence,
                evidence=f"env {var.name} {match.pattern}",
            )


def _secret(var: EnvVar) -> tuple[SecretMatch, str] | None:
    raw = var.value.value
    if isinstance(raw, Unresolved):
        return _literal_part(raw.text)
    if isinstance(raw, bool) or not isinstance(raw, str | int | float):
        return None  # a reference to a resource, a list, a map: not a literal secret
    text = str(raw)
    match = classify(var.name, text)
    return (match, mask(text)) if match is not None else None


def _literal_part(text: str) -> tuple[SecretMatch, str] | None:
    """An expression (``!Sub``, ``${var}``) is unknown as a whole, but a known credential
    format written literally inside it is still a literal secret."""
    literal = _PLACEHOLDER.sub("x", text)
    found = find_format(literal)
    if found is None:
        return None
    match = SecretMatch(
        SecretKind.FORMAT, found.id, f"a literal {found.name}", found.severity, Confidence.HIGH
    )
    return match, mask(literal)


RULE = Rule(
    id="IAC030",
    name="plaintext-secret-in-environment",
    category=Category.SECRET_IN_ENV_PLAINTEXT,
    severity=Severity.HIGH,
    summary="A function environment variable holds a secret written as a literal.",
    cwe=(798, 312),
    confidence=Confidence.MEDIUM,
    remediation="Keep the secret in AWS Secrets Manager or SSM Parameter Store (SecureString) "
    "and read it at run time (or with a `{{resolve:secretsmanager:...}}` reference); rotate the "
    "exposed value.",
    references=(
        "https://docs.aws.amazon.com/lambda/latest/dg/configuration-envvars.html",
        "https://docs.aws.amazon.com/secretsmanager/latest/userguide/retrieving-secrets_lambda.html",
        "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/dynamic-references.html",
    ),
    check=check,
    doc="""
## What it does
Reports function environment variables whose value is a literal secret: a known credential
format anywhere in the value (AWS access key ids, private keys, GitHub, Slack, Stripe, Google,
SendGrid, npm, OpenAI and Anthropic keys, JWTs, passwords inside connection URLs and
strings), any non-placeholder literal under a secret-like name (`DB_PASSWORD`, `apiKey`,
`CLIENT_SECRET`, `*_TOKEN`...), or a long random-looking literal (low confidence). The value
shown in the message is masked. References are fine: `{{resolve:secretsmanager:...}}`,
`{{resolve:ssm-secure:...}}`, serverless `${ssm:...}`, ARNs and parameter paths, and
references to resources of the template. The patterns are data
(`faasguard/data/secret_patterns.json`).

## Why is this bad?
A literal secret lives in the repository, in every copy of the template, in CloudFormation's
stack history and in the function configuration, where anyone with
`lambda:GetFunctionConfiguration` (often read-only roles) reads it in clear text. It cannot be
rotated without a deployment, and it is the first thing an attacker with read access looks for.

## Example
```yaml template.yaml
Transform: AWS::Serverless-2016-10-31
Resources:
  OrdersFunction:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: python3.12
      Handler: app.handler
      CodeUri: src/
      Environment:
        Variables:
          DB_PASSWORD: hunter2-production
```

## Use instead
```yaml template.yaml
Transform: AWS::Serverless-2016-10-31
Resources:
  OrdersFunction:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: python3.12
      Handler: app.handler
      CodeUri: src/
      Environment:
        Variables:
          DB_SECRET_ARN: arn:aws:secretsmanager:eu-west-1:123456789012:secret:prod/db-AbCdEf
```

## Known problems
Obvious placeholders (`changeme`, `<token>`, `xxx`) are not reported: they are expected to be
replaced before deployment. Values resolved from a store at deploy time (`{{resolve:...}}`,
`${ssm:...}`) still end up in the function configuration in clear text; reading the secret at
run time (Powertools Parameters, the Parameters and Secrets extension) avoids that.

## References
- https://docs.aws.amazon.com/lambda/latest/dg/configuration-envvars.html
- https://docs.aws.amazon.com/secretsmanager/latest/userguide/retrieving-secrets_lambda.html
""",
)

__all__ = ["RULE", "check"]
