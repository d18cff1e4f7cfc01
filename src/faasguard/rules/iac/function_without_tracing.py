"""IAC046: a function without active X-Ray tracing."""

from __future__ import annotations

from collections.abc import Iterator

from faasguard.analysis.exposure import exposed_severity, function_exposure
from faasguard.core.enums import Category, Confidence, Severity
from faasguard.core.rule import Hit, Rule, RuleContext
from faasguard.model.app import App

RULE_SEVERITY = Severity.LOW


def check(app: App, ctx: RuleContext) -> Iterator[Hit]:
    for function in app.functions.values():
        tracing = function.tracing
        if tracing is not None and (not tracing.known or tracing.is_("Active")):
            continue
        mode = tracing.text() if tracing is not None else "not set"
        yield Hit(
            message=f"function {function.name} has no active tracing (Tracing {mode}): its "
            "calls to other services are not traced",
            location=tracing.loc if tracing is not None else function.loc,
            resource=function.id,
            function=function.name,
            severity=exposed_severity(RULE_SEVERITY, function_exposure(function)),
            evidence=f"tracing {mode}",
        )


RULE = Rule(
    id="IAC046",
    name="function-without-tracing",
    category=Category.MISSING_LOGGING,
    severity=RULE_SEVERITY,
    summary="A function does not have active X-Ray tracing.",
    cwe=(778,),
    confidence=Confidence.HIGH,
    remediation="Set `Tracing: Active` (SAM; `TracingConfig.Mode: Active` in CloudFormation, "
    '`tracing_config { mode = "Active" }` in Terraform, `provider.tracing.lambda: true` in '
    "serverless.yml) and grant the role xray:PutTraceSegments.",
    references=("https://docs.aws.amazon.com/lambda/latest/dg/services-xray.html",),
    check=check,
    doc="""
## What it does
Reports functions whose tracing mode is absent or `PassThrough`. The severity follows the
function's exposure: medium behind a public route without authentication, info on a function
only internal triggers reach.

## Why is this bad?
Traces show which downstream services each request touched and how long each call took. In an
incident they tell which requests reached the database or an external API, and unusual call
patterns (a function suddenly calling IAM or an unknown host) stand out.

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
      Tracing: Active
```

## Known problems
Functions traced with another tool (OpenTelemetry layers, vendor agents) are reported; disable
the rule for them.

## References
- https://docs.aws.amazon.com/lambda/latest/dg/services-xray.html
""",
)

__all__ = ["RULE", "check"]
