"""IAC060: a function on a deprecated, or soon deprecated, Lambda runtime."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from faasguard.analysis.exposure import exposed_severity, function_exposure
from faasguard.core.enums import Category, Confidence, Severity
from faasguard.core.rule import Hit, Rule, RuleContext
from faasguard.model.app import App
from faasguard.rules.iac._runtimes import Lifecycle, lifecycles, today


def check(app: App, ctx: RuleContext) -> Iterator[Hit]:
    now = today(ctx)
    warn_days = int(ctx.option("warn-days", 180))
    known = lifecycles()
    for function in app.functions.values():
        runtime = function.runtime
        if function.image or runtime is None or not runtime.known:
            continue  # container images bring their own runtime
        lifecycle = known.get(runtime.text().strip().lower())
        if lifecycle is None:
            continue
        verdict = judge(lifecycle, now, warn_days)
        if verdict is None:
            continue
        severity, state = verdict
        yield Hit(
            message=f"function {function.name} runs on {lifecycle.runtime}, {state}"
            f"{_successor(lifecycle)}",
            location=runtime.loc,
            resource=function.id,
            function=function.name,
            severity=exposed_severity(severity, function_exposure(function)),
            evidence=f"runtime {lifecycle.runtime}",
        )


def judge(lifecycle: Lifecycle, now: date, warn_days: int) -> tuple[Severity, str] | None:
    """How bad running on `lifecycle` is on `now`, in words; None when it is fine."""
    blocked = lifecycle.block_update
    if blocked is not None and now >= blocked:
        return Severity.HIGH, (
            f"deprecated since {lifecycle.deprecated} and blocked from updates since "
            f"{blocked}: no security patches, and fixes to the function cannot be deployed"
        )
    if now >= lifecycle.deprecated:
        later = f"; updates will be blocked from {blocked}" if blocked else ""
        return Severity.MEDIUM, (
            f"deprecated since {lifecycle.deprecated}: it no longer receives security "
            f"patches{later}"
        )
    days = (lifecycle.deprecated - now).days
    if days <= warn_days:
        return Severity.LOW, f"deprecated on {lifecycle.deprecated} (in {days} days)"
    return None


def _successor(lifecycle: Lifecycle) -> str:
    return f"; move to {lifecycle.successor}" if lifecycle.successor else ""


RULE = Rule(
    id="IAC060",
    name="deprecated-runtime",
    category=Category.MISCONFIGURATION,
    severity=Severity.MEDIUM,
    summary="A function runs on a deprecated or soon deprecated Lambda runtime.",
    cwe=(1104,),
    confidence=Confidence.HIGH,
    remediation="Move the function to the runtime's successor (test it first: major versions "
    "are not backward compatible).",
    references=(
        "https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtimes.html",
        "https://docs.aws.amazon.com/lambda/latest/dg/runtime-support-policy.html",
    ),
    options={"warn-days": 180, "today": None},
    check=check,
    doc="""
## What it does
Reports functions whose runtime is deprecated or will be soon, using the lifecycle dates AWS
publishes (kept as data in `faasguard/data/runtimes.json`): high once Lambda blocks updates of
functions on it, medium once it is deprecated, low within `warn-days` (180) of deprecation.
Severity is raised for functions reachable from the internet without authentication and
lowered for internal ones. The option `today` (an ISO date) fixes the date for reproducible
runs.

## Why is this bad?
A deprecated runtime no longer receives security patches for its language runtime, libraries
and operating system. Once updates are blocked, even a fix to the function's own code can no
longer be deployed: the next vulnerability becomes an emergency migration.

## Example
```yaml template.yaml
Transform: AWS::Serverless-2016-10-31
Resources:
  OrdersFunction:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: python3.7
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
      Runtime: python3.13
      Handler: app.handler
      CodeUri: src/
```

## Known problems
AWS has moved block dates several times; the data file records when it was last checked.
Container image functions bring their own runtime and are not checked.

## References
- https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtimes.html
- https://docs.aws.amazon.com/lambda/latest/dg/runtime-support-policy.html
""",
)

__all__ = ["RULE", "check", "judge"]
