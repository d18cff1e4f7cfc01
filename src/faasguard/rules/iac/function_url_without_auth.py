"""IAC002: a Lambda function URL with auth type NONE."""

from __future__ import annotations

from collections.abc import Iterator

from faasguard.core.enums import Category, Confidence, Severity
from faasguard.core.rule import Hit, Rule, RuleContext
from faasguard.model.app import App


def check(app: App, ctx: RuleContext) -> Iterator[Hit]:
    for function in app.functions.values():
        url = function.url
        if url is None or url.auth_type is None or not url.auth_type.is_("NONE"):
            continue  # absent or unknown: not this rule's to report
        yield Hit(
            message=f"function URL of {function.name} accepts unauthenticated requests from "
            "anyone on the internet",
            location=url.auth_type.loc,
            resource=function.id,
            function=function.name,
            evidence="function url AuthType NONE",
        )


RULE = Rule(
    id="IAC002",
    name="function-url-without-auth",
    category=Category.MISSING_AUTH,
    severity=Severity.HIGH,
    summary="A Lambda function URL uses auth type NONE.",
    cwe=(306,),
    confidence=Confidence.HIGH,
    remediation="Set the function URL's auth type to AWS_IAM and sign requests (SigV4), or put the "
    "function behind API Gateway with an authorizer.",
    references=(
        "https://docs.aws.amazon.com/lambda/latest/dg/urls-auth.html",
        "https://docs.aws.amazon.com/lambda/latest/dg/urls-configuration.html",
    ),
    check=check,
    doc="""
## What it does
Reports function URLs (`FunctionUrlConfig` in SAM, `AWS::Lambda::Url`, `url:` in
serverless.yml, `aws_lambda_function_url`) whose auth type is `NONE`.

## Why is this bad?
A function URL is a public HTTPS endpoint. With `AuthType: NONE` Lambda does no
authentication at all, has no throttling or WAF in front of it, and every request runs the
function with its role's permissions. Any authentication left to the handler code is easy to
get wrong and is invisible to reviewers of the template.

## Example
```yaml template.yaml
Transform: AWS::Serverless-2016-10-31
Resources:
  WebhookFunction:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: python3.12
      Handler: app.handler
      CodeUri: src/
      FunctionUrlConfig:
        AuthType: NONE
```

## Use instead
```yaml template.yaml
Transform: AWS::Serverless-2016-10-31
Resources:
  WebhookFunction:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: python3.12
      Handler: app.handler
      CodeUri: src/
      FunctionUrlConfig:
        AuthType: AWS_IAM
```

## Known problems
Public webhooks (payment providers, chat integrations) sometimes need `NONE` and verify a
signature in the handler. Keep that deliberate: suppress the finding inline with a reason.

## References
- https://docs.aws.amazon.com/lambda/latest/dg/urls-auth.html
""",
)

__all__ = ["RULE", "check"]
