"""IAC050: a function reachable from the internet without reserved concurrency."""

from __future__ import annotations

from collections.abc import Iterator

from faasguard.analysis.exposure import Exposure, exposed_severity, function_exposure
from faasguard.core.enums import Category, Confidence, Severity
from faasguard.core.rule import Hit, Rule, RuleContext
from faasguard.model.app import App

RULE_SEVERITY = Severity.MEDIUM
_PUBLIC = (Exposure.PUBLIC_UNAUTHENTICATED, Exposure.PUBLIC_AUTHENTICATED)


def check(app: App, ctx: RuleContext) -> Iterator[Hit]:
    for function in app.functions.values():
        exposure = function_exposure(function)
        if exposure not in _PUBLIC or function.reserved_concurrency is not None:
            continue
        anyone = " by anyone" if exposure is Exposure.PUBLIC_UNAUTHENTICATED else ""
        yield Hit(
            message=f"function {function.name} can be invoked from the internet{anyone} and "
            "has no reserved concurrency: a flood of requests can take the account's whole "
            "concurrency pool and throttle every other function",
            location=function.loc,
            resource=function.id,
            function=function.name,
            severity=exposed_severity(RULE_SEVERITY, exposure),
            evidence="public no reserved concurrency",
        )


RULE = Rule(
    id="IAC050",
    name="public-function-without-reserved-concurrency",
    category=Category.MISSING_DOS_LIMITS,
    severity=RULE_SEVERITY,
    summary="A function reachable from the internet has no reserved concurrency.",
    cwe=(770, 400),
    confidence=Confidence.HIGH,
    remediation="Set ReservedConcurrentExecutions (serverless `reservedConcurrency`, Terraform "
    "`reserved_concurrent_executions`) to the most the function should ever need, and throttle "
    "its API as well (IAC051).",
    references=(
        "https://docs.aws.amazon.com/lambda/latest/dg/configuration-concurrency.html",
        "https://docs.aws.amazon.com/lambda/latest/dg/lambda-concurrency.html",
    ),
    check=check,
    doc="""
## What it does
Reports functions with a public trigger (an API route, a function URL, an internet-facing load
balancer) and no reserved concurrency. The severity is high when the route needs no
authentication.

## Why is this bad?
All functions of an account and region share one concurrency pool (1,000 by default). A
flood of requests against one public function scales it until the pool is empty, and then
every other function, including queue consumers and internal APIs, is throttled; the bill grows
with it. Reserved concurrency caps the public function and guarantees the others their share.

## Example
```yaml template.yaml
Transform: AWS::Serverless-2016-10-31
Resources:
  SearchFunction:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: python3.12
      Handler: app.handler
      CodeUri: src/
      Events:
        Search:
          Type: HttpApi
          Properties:
            Path: /search
            Method: GET
```

## Use instead
```yaml template.yaml
Transform: AWS::Serverless-2016-10-31
Resources:
  SearchFunction:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: python3.12
      Handler: app.handler
      CodeUri: src/
      ReservedConcurrentExecutions: 50
      Events:
        Search:
          Type: HttpApi
          Properties:
            Path: /search
            Method: GET
```

## Known problems
Reserved concurrency also caps legitimate traffic: size it from real peaks.

## References
- https://docs.aws.amazon.com/lambda/latest/dg/configuration-concurrency.html
""",
)

__all__ = ["RULE", "check"]
