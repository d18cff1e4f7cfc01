"""IAC061: a function uses a Lambda layer published by another AWS account."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from functools import cache
from importlib import resources

from faasguard.core.enums import Category, Confidence, Severity
from faasguard.core.rule import Hit, Rule, RuleContext
from faasguard.model.app import App
from faasguard.model.values import Ref, V

_LAYER_ARN = re.compile(r"arn:aws[a-z-]*:lambda:[^:]*:(\d{12}):layer:([^:]+)")
_PLACEHOLDER = re.compile(r"\$\{[^}]*\}")
_ACCOUNT_ARN = re.compile(r"^arn:aws[a-z-]*:[a-z0-9-]+:[^:]*:(\d{12}):")


@cache
def default_trusted() -> frozenset[str]:
    path = resources.files("faasguard") / "data" / "trusted_layer_accounts.json"
    accounts: dict[str, str] = json.loads(path.read_text("utf-8"))["accounts"]
    return frozenset(accounts)


def _accounts(value: object) -> set[str]:
    if isinstance(value, str):
        return {value.strip()}
    if isinstance(value, list | tuple):
        return {str(v).strip() for v in value}
    return set()


def app_accounts(app: App, ctx: RuleContext) -> set[str]:
    """The app's own accounts: the option `account-ids`, and the accounts of literal role
    ARNs its functions run with."""
    found = _accounts(ctx.option("account-ids", []))
    for function in app.functions.values():
        role = function.role_value
        match = _ACCOUNT_ARN.match(role.text()) if role is not None and role.known else None
        if match is not None:
            found.add(match.group(1))
    return found


def check(app: App, ctx: RuleContext) -> Iterator[Hit]:
    own = app_accounts(app, ctx)
    trusted = _accounts(ctx.option("trusted-accounts", [])) | default_trusted()
    for function in app.functions.values():
        for layer in function.layers:
            found = _layer_account(layer)
            if found is None:
                continue
            account, name = found
            if account in own or account in trusted:
                continue
            if own:
                severity, why = Severity.MEDIUM, f"not the app's account ({', '.join(sorted(own))})"
            else:
                severity, why = Severity.LOW, "an account this scan cannot tell is yours"
            yield Hit(
                message=f"function {function.name} runs code from layer {name} of account "
                f"{account}, {why}: whoever controls that account controls code in the function",
                location=layer.loc,
                resource=function.id,
                function=function.name,
                severity=severity,
                evidence=f"layer {account} {name}",
            )


def _layer_account(layer: V[str]) -> tuple[str, str] | None:
    """(account, layer name) of a layer ARN whose account is written literally."""
    if isinstance(layer.value, Ref):
        return None  # a layer of this app
    match = _LAYER_ARN.search(_PLACEHOLDER.sub("x", layer.text()))
    return (match.group(1), match.group(2)) if match is not None else None


RULE = Rule(
    id="IAC061",
    name="layer-from-other-account",
    category=Category.MISCONFIGURATION,
    severity=Severity.MEDIUM,
    summary="A function uses a Lambda layer published by another AWS account.",
    cwe=(829, 494),
    confidence=Confidence.MEDIUM,
    remediation="Build the layer's content into the function or publish the layer from your own "
    "account after reviewing it; if the publisher is trusted, add its account to the rule "
    "option `trusted-accounts`.",
    references=(
        "https://docs.aws.amazon.com/lambda/latest/dg/chapter-layers.html",
        "https://docs.aws.amazon.com/lambda/latest/dg/permissions-layer-cross-account.html",
    ),
    options={"account-ids": [], "trusted-accounts": []},
    check=check,
    doc="""
## What it does
Reports layers whose ARN names a literal account that is not the app's: medium when the app's
account is known (rule option `account-ids`, or the account of a literal role ARN of the
app), low otherwise. Accounts of well-known publishers (Powertools for AWS Lambda: data in
`faasguard/data/trusted_layer_accounts.json`) and the option `trusted-accounts` are not
reported, nor are layers of the template itself or ARNs built from `${AWS::AccountId}`.

## Why is this bad?
A layer is code that runs inside the function with its role and sees every event and secret.
A layer from someone else's account is a dependency you cannot review in your repository and
whose publisher could publish a malicious version (pinned versions help, but the publisher can
also delete them and break deployments).

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
      Layers:
        - arn:aws:lambda:eu-west-1:999988887777:layer:fast-json:3
```

## Use instead
```yaml template.yaml
Transform: AWS::Serverless-2016-10-31
Resources:
  FastJsonLayer:
    Type: AWS::Serverless::LayerVersion
    Properties:
      ContentUri: layers/fast-json/
  OrdersFunction:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: python3.12
      Handler: app.handler
      CodeUri: src/
      Layers:
        - !Ref FastJsonLayer
```

## Known problems
AWS publishes some extension layers (Lambda Insights, the Parameters and Secrets extension)
from a different account in each region: add the ones you use to `trusted-accounts`.

## References
- https://docs.aws.amazon.com/lambda/latest/dg/chapter-layers.html
""",
)

__all__ = ["RULE", "app_accounts", "check"]
