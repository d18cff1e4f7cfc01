"""IAC005: a route protected by an API key and nothing else."""

from __future__ import annotations

from collections.abc import Iterator

from faasguard.core.enums import Category, Confidence, Severity
from faasguard.core.rule import Hit, Rule, RuleContext
from faasguard.model.app import App, AuthKind, Trigger
from faasguard.rules.iac._app import all_triggers


def check(app: App, ctx: RuleContext) -> Iterator[Hit]:
    for trigger in all_triggers(app):
        auth = trigger.auth
        if auth is None or not trigger.kind.is_http or not _key_only(trigger):
            continue
        if trigger.public is False:
            continue
        route = f"{(trigger.method or 'ANY').upper()} {trigger.path or trigger.name}"
        where = f" on {trigger.api}" if trigger.api else ""
        yield Hit(
            message=f"route {route}{where} is protected by an API key only: an API key "
            "identifies a client, it does not authenticate a caller",
            location=auth.loc,
            resource=trigger.api or trigger.name,
            function=trigger.function,
            confidence=Confidence.HIGH if trigger.public else Confidence.MEDIUM,
            evidence=f"{trigger.kind.value} {route} api key only",
        )


def _key_only(trigger: Trigger) -> bool:
    auth = trigger.auth
    if auth is None:
        return False
    return auth.kind is AuthKind.API_KEY or (auth.kind is AuthKind.NONE and auth.api_key_required)


RULE = Rule(
    id="IAC005",
    name="api-key-only-protection",
    category=Category.MISSING_AUTH,
    severity=Severity.MEDIUM,
    summary="An API route relies on an API key as its only protection.",
    cwe=(287, 306),
    confidence=Confidence.HIGH,
    remediation="Add a real authorizer (Cognito/JWT, Lambda or AWS_IAM) to the route and keep the "
    "API key for usage plans and throttling only.",
    references=(
        "https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-api-usage-plans.html",
        "https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-control-access-to-api.html",
    ),
    check=check,
    doc="""
## What it does
Reports API Gateway methods and routes that require an API key (`ApiKeyRequired`,
`private: true` in serverless.yml, `api_key_required`) and have no authorizer.

## Why is this bad?
AWS says it plainly: API keys are for usage plans, not for authorization. Keys are long-lived,
shared by every user of a client, shipped inside mobile and web apps, logged by proxies and
rarely rotated. Whoever holds one can call the route as anyone.

## Example
```yaml template.yaml
Transform: AWS::Serverless-2016-10-31
Resources:
  ExportFunction:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: python3.12
      Handler: app.handler
      CodeUri: src/
      Events:
        Export:
          Type: Api
          Properties:
            Path: /export
            Method: post
            Auth:
              ApiKeyRequired: true
```

## Use instead
```yaml template.yaml
Transform: AWS::Serverless-2016-10-31
Resources:
  ExportFunction:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: python3.12
      Handler: app.handler
      CodeUri: src/
      Events:
        Export:
          Type: Api
          Properties:
            Path: /export
            Method: post
            Auth:
              Authorizer: AWS_IAM
              ApiKeyRequired: true
```

## References
- https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-api-usage-plans.html
""",
)

__all__ = ["RULE", "check"]
