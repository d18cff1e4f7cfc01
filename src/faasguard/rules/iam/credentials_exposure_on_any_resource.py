"""IAM006: actions returning credentials or secret values allowed on every resource."""

from __future__ import annotations

from collections.abc import Iterator

from faasguard.core.enums import Category, Confidence, Severity
from faasguard.core.rule import Hit, Rule, RuleContext
from faasguard.iam.risky import Risk, risky_actions
from faasguard.model.app import App
from faasguard.rules.iac._app import quoted
from faasguard.rules.iam._risky import risky_grants


def check(app: App, ctx: RuleContext) -> Iterator[Hit]:
    risky = risky_actions()
    wanted = risky.of(Risk.CREDENTIALS) | risky.of(Risk.SECRETS)
    for grant in risky_grants(app, wanted, wildcard_only=True):
        where = grant.wildcard.text() if grant.wildcard is not None else "NotResource"
        role = grant.role
        yield Hit(
            message=f"{role.kind.value} {role.id} can obtain credentials or secrets of every "
            f"resource ({where}) in {grant.statement.origin}: {quoted(list(grant.actions))}",
            location=grant.location,
            resource=role.id,
            function=grant.function,
            evidence=f"{grant.statement.origin} {where} {' '.join(grant.actions)}",
        )


RULE = Rule(
    id="IAM006",
    name="credentials-exposure-on-any-resource",
    category=Category.OVER_PRIVILEGED_IAM,
    severity=Severity.LOW,
    summary="Actions that return credentials, tokens or secret values are allowed on every "
    "resource.",
    cwe=(522, 732),
    confidence=Confidence.MEDIUM,
    remediation="Scope the statement to the secrets, parameters, roles or clusters the "
    "function reads (for example !Ref of the secret), not `*`.",
    references=(
        "https://github.com/salesforce/policy_sentry",
        "https://github.com/salesforce/cloudsplaining",
    ),
    check=check,
    doc="""
## What it does
Reports Allow statements whose resource is `*` (or a whole service, or `NotResource`) and that
grant actions returning credentials or secrets: the credentials-exposure lists of
policy_sentry and cloudsplaining (`sts:GetFederationToken`, `ecr:GetAuthorizationToken`,
`redshift:GetClusterCredentials`, `cognito-identity:GetCredentialsForIdentity`, ...) and
cloudsplaining's read-only exfiltration actions (`secretsmanager:GetSecretValue`,
`ssm:GetParameter*`, `s3:GetObject`). Severity is low: it is a risky single action, not a path.
Actions another rule already reports for the same statement are left out: write actions on a
wildcard resource (IAC016), `*` and `service:*` (IAC015), actions of a privilege-escalation
path (IAM001-IAM004).

## Why is this bad?
`secretsmanager:GetSecretValue` on `*` gives a compromised function every secret of the
account, database passwords and API keys of other applications included, when it needs one.

## Example
```yaml template.yaml
Transform: AWS::Serverless-2016-10-31
Resources:
  CheckoutFunction:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: python3.12
      Handler: app.handler
      CodeUri: src/
      Policies:
        - Statement:
            - Effect: Allow
              Action: secretsmanager:GetSecretValue
              Resource: "*"
```

## Use instead
```yaml template.yaml
Transform: AWS::Serverless-2016-10-31
Resources:
  PaymentKey:
    Type: AWS::SecretsManager::Secret
  CheckoutFunction:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: python3.12
      Handler: app.handler
      CodeUri: src/
      Policies:
        - Statement:
            - Effect: Allow
              Action: secretsmanager:GetSecretValue
              Resource: !Ref PaymentKey
```

## Known problems
Conditions that narrow a wildcard resource (resource tags) are not evaluated.

## References
- https://github.com/salesforce/cloudsplaining
""",
)

__all__ = ["RULE", "check"]
