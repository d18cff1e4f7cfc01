"""IAC003: a Lambda resource policy (permission) that lets any principal invoke the function."""

from __future__ import annotations

from collections.abc import Iterator

from faasguard.core.enums import Category, Confidence, Severity
from faasguard.core.rule import Hit, Rule, RuleContext
from faasguard.model.app import App, Permission
from faasguard.model.values import V
from faasguard.rules.iac._app import target_id


def check(app: App, ctx: RuleContext) -> Iterator[Hit]:
    for permission in app.permissions:
        if not permission.principal.is_("*") or _restricted(permission):
            continue
        if _function_url_none(permission):
            continue  # the URL's AuthType NONE is the problem to fix: IAC002
        function = _function_name(app, permission)
        yield Hit(
            message=f"permission {permission.id} lets any AWS principal invoke "
            f"{function or permission.function.text()} (Principal * without SourceArn, "
            "SourceAccount or PrincipalOrgID)",
            location=permission.principal.loc,
            resource=permission.id,
            function=function,
            evidence=f"principal * action {_action(permission)}",
        )


def _function_name(app: App, permission: Permission) -> str | None:
    target = target_id(permission.function)
    if target is not None and target in app.functions:
        return app.functions[target].name
    return permission.function.text() if permission.function.known else None


def _restricted(permission: Permission) -> bool:
    """A condition narrows the callers; a condition whose value is unknown counts as one."""
    conditions = (permission.source_arn, permission.source_account, permission.principal_org_id)
    return any(value is not None and not _open(value) for value in conditions)


def _open(value: V[str]) -> bool:
    return value.known and value.text().strip() in ("", "*")


def _action(permission: Permission) -> str:
    return permission.action.text() if permission.action is not None else "lambda:InvokeFunction"


def _function_url_none(permission: Permission) -> bool:
    action = permission.action
    if action is None or not action.is_("lambda:InvokeFunctionUrl"):
        return False
    auth = permission.function_url_auth_type
    return auth is not None and auth.is_("NONE")


RULE = Rule(
    id="IAC003",
    name="function-invoke-open-to-any-principal",
    category=Category.MISSING_AUTH,
    severity=Severity.HIGH,
    summary="A Lambda permission lets any principal invoke the function, with no source condition.",
    cwe=(284, 306),
    confidence=Confidence.HIGH,
    remediation="Name the calling service or account as principal and add SourceArn (and "
    "SourceAccount) or PrincipalOrgID, so only the intended caller can invoke the function.",
    references=(
        "https://docs.aws.amazon.com/lambda/latest/dg/access-control-resource-based.html",
        "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-lambda-permission.html",
    ),
    check=check,
    doc="""
## What it does
Reports Lambda permissions (`AWS::Lambda::Permission`, `aws_lambda_permission`, permissions
in `resources:` of serverless.yml) whose principal is `*` and that set none of `SourceArn`,
`SourceAccount` or `PrincipalOrgID`. The permission that a function URL with auth type
`NONE` needs is left to IAC002 (function-url-without-auth).

## Why is this bad?
The function's resource policy then allows `lambda:InvokeFunction` to every AWS account in
the world: anyone with credentials can run the function with arbitrary input, and its role's
permissions become theirs to use.

## Example
```yaml template.yaml
Resources:
  ReportFunction:
    Type: AWS::Lambda::Function
    Properties:
      Runtime: python3.12
      Handler: app.handler
      Role: arn:aws:iam::123456789012:role/report
      Code:
        ZipFile: "def handler(event, context): return None"
  ReportInvoke:
    Type: AWS::Lambda::Permission
    Properties:
      FunctionName: !Ref ReportFunction
      Action: lambda:InvokeFunction
      Principal: "*"
```

## Use instead
```yaml template.yaml
Resources:
  ReportFunction:
    Type: AWS::Lambda::Function
    Properties:
      Runtime: python3.12
      Handler: app.handler
      Role: arn:aws:iam::123456789012:role/report
      Code:
        ZipFile: "def handler(event, context): return None"
  ReportInvoke:
    Type: AWS::Lambda::Permission
    Properties:
      FunctionName: !Ref ReportFunction
      Action: lambda:InvokeFunction
      Principal: events.amazonaws.com
      SourceArn: arn:aws:events:eu-west-1:123456789012:rule/nightly-report
```

## References
- https://docs.aws.amazon.com/lambda/latest/dg/access-control-resource-based.html
""",
)

__all__ = ["RULE", "check"]
