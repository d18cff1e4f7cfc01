"""IAC063: a CORS configuration that allows any origin together with credentials."""

from __future__ import annotations

from collections.abc import Iterator

from faasguard.core.enums import Category, Confidence, Severity
from faasguard.core.rule import Hit, Rule, RuleContext
from faasguard.model.app import App, Cors
from faasguard.rules.iac._app import all_triggers
from faasguard.rules.iac._values import flag


def _configurations(app: App) -> Iterator[tuple[Cors, str, str | None]]:
    """Every CORS block once, with the resource it belongs to and its function, if any."""
    for api in app.apis.values():
        if api.cors is not None:
            yield api.cors, api.id, None
    for function in app.functions.values():
        if function.url is not None and function.url.cors is not None:
            yield function.url.cors, function.id, function.name
    for trigger in all_triggers(app):
        if trigger.cors is not None:
            owner = trigger.api or trigger.function or trigger.name
            yield trigger.cors, owner, trigger.function


def check(app: App, ctx: RuleContext) -> Iterator[Hit]:
    seen: set[int] = set()
    for cors, owner, function in _configurations(app):
        if id(cors) in seen:
            continue
        seen.add(id(cors))
        credentials = cors.allow_credentials
        if flag(credentials) is not True or credentials is None:
            continue
        if not any(origin.known and origin.text().strip() == "*" for origin in cors.allow_origins):
            continue
        yield Hit(
            message=f"CORS of {owner} allows every origin (*) and credentials: the API relies "
            "on browsers to refuse the combination, and a proxy or code that echoes the "
            "Origin header turns it into cross-site access with the user's cookies",
            location=credentials.loc,
            resource=owner,
            function=function,
            evidence="cors * with credentials",
        )


RULE = Rule(
    id="IAC063",
    name="cors-wildcard-with-credentials",
    category=Category.MISCONFIGURATION,
    severity=Severity.MEDIUM,
    summary="A CORS configuration allows any origin together with credentials.",
    cwe=(942, 346),
    confidence=Confidence.HIGH,
    remediation="List the exact origins that need credentialed access (AllowOrigins) and keep "
    "`*` only for APIs that never use cookies or Authorization headers.",
    references=(
        "https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-cors.html",
        "https://docs.aws.amazon.com/lambda/latest/dg/urls-configuration.html#urls-cors",
        "https://developer.mozilla.org/en-US/docs/Web/HTTP/CORS#credentialed_requests_and_wildcards",
    ),
    check=check,
    doc="""
## What it does
Reports CORS configurations of APIs, routes and function URLs that allow the origin `*` and
set `AllowCredentials: true`.

## Why is this bad?
The pair says "any web site may make authenticated calls here". Browsers refuse to send
credentials to a wildcard origin, so the setting either breaks the client or, more often,
gets "fixed" by reflecting the caller's `Origin`, which lets any malicious page read the
user's data with their session. The intent behind it is the vulnerability.

## Example
```yaml template.yaml
Transform: AWS::Serverless-2016-10-31
Resources:
  Api:
    Type: AWS::Serverless::HttpApi
    Properties:
      CorsConfiguration:
        AllowOrigins:
          - '*'
        AllowCredentials: true
```

## Use instead
```yaml template.yaml
Transform: AWS::Serverless-2016-10-31
Resources:
  Api:
    Type: AWS::Serverless::HttpApi
    Properties:
      CorsConfiguration:
        AllowOrigins:
          - https://app.example.com
        AllowCredentials: true
```

## References
- https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-cors.html
- https://developer.mozilla.org/en-US/docs/Web/HTTP/CORS#credentialed_requests_and_wildcards
""",
)

__all__ = ["RULE", "check"]
