"""IAC062: a permission lets an AWS service invoke a function on behalf of any account
(confused deputy)."""

from __future__ import annotations

from collections.abc import Iterator

from faasguard.core.enums import Category, Confidence, Severity
from faasguard.core.rule import Hit, Rule, RuleContext
from faasguard.model.app import App, Permission
from faasguard.rules.iac._app import target_id

_SERVICE_SUFFIXES = (".amazonaws.com", ".amazonaws.com.cn")
# Services whose source ARNs carry no account id: only SourceAccount pins the owner.
_GLOBAL_NAMES = frozenset({"s3.amazonaws.com"})


def check(app: App, ctx: RuleContext) -> Iterator[Hit]:
    for permission in app.permissions:
        service = _service(permission)
        if service is None or permission.generated:
            continue
        if permission.source_account is not None or permission.principal_org_id is not None:
            continue
        if permission.source_arn is None:
            severity, why = Severity.MEDIUM, "neither SourceArn nor SourceAccount"
        elif service in _GLOBAL_NAMES:
            severity, why = (
                Severity.LOW,
                "a SourceArn but no SourceAccount (bucket names are reusable)",
            )
        else:
            continue  # the source ARN names the account
        yield Hit(
            message=f"permission {permission.id} lets {service} invoke "
            f"{_target(app, permission)} with {why}: a resource of another account can make the "
            "service call it",
            location=permission.loc,
            resource=permission.id,
            severity=severity,
            evidence=f"service {service} no source account",
        )


def _service(permission: Permission) -> str | None:
    principal = permission.principal
    if not principal.known:
        return None
    text = principal.text().strip().lower()
    return text if text.endswith(_SERVICE_SUFFIXES) else None


def _target(app: App, permission: Permission) -> str:
    """The function's name when the permission refers to one of the app, else as written."""
    function = app.functions.get(target_id(permission.function) or "")
    return function.name if function is not None else permission.function.text() or "a function"


RULE = Rule(
    id="IAC062",
    name="invoke-permission-without-source-account",
    category=Category.MISCONFIGURATION,
    severity=Severity.MEDIUM,
    summary="A permission lets an AWS service invoke a function without SourceArn or "
    "SourceAccount (confused deputy).",
    cwe=(441, 284),
    confidence=Confidence.HIGH,
    remediation="Add SourceAccount (your account id, `!Ref AWS::AccountId`) and SourceArn "
    "(the exact bucket, topic, rule or API) to the permission.",
    references=(
        "https://docs.aws.amazon.com/lambda/latest/dg/access-control-resource-based.html",
        "https://docs.aws.amazon.com/IAM/latest/UserGuide/confused-deputy.html",
    ),
    check=check,
    doc="""
## What it does
Reports Lambda permissions (`AWS::Lambda::Permission`, `aws_lambda_permission`) that let an
AWS service principal (`s3.amazonaws.com`, `sns.amazonaws.com`, `events.amazonaws.com`,
`apigateway.amazonaws.com`...) invoke a function without `SourceArn` or `SourceAccount`
(medium), and S3 permissions with a `SourceArn` but no `SourceAccount` (low: bucket ARNs
carry no account, and a deleted bucket's name can be taken by anyone). Permissions generated
by SAM or the Serverless Framework for their events are not reported.

## Why is this bad?
Without a source condition the permission trusts the *service*, not your resources: any
account can point its own bucket notification, topic subscription, EventBridge rule or API
integration at your function's ARN, and the service will invoke it with events the attacker
writes (the confused deputy problem).

## Example
```yaml template.yaml
Resources:
  UploadPermission:
    Type: AWS::Lambda::Permission
    Properties:
      FunctionName: arn:aws:lambda:eu-west-1:123456789012:function:process-upload
      Action: lambda:InvokeFunction
      Principal: s3.amazonaws.com
```

## Use instead
```yaml template.yaml
Resources:
  UploadPermission:
    Type: AWS::Lambda::Permission
    Properties:
      FunctionName: arn:aws:lambda:eu-west-1:123456789012:function:process-upload
      Action: lambda:InvokeFunction
      Principal: s3.amazonaws.com
      SourceAccount: !Ref AWS::AccountId
      SourceArn: arn:aws:s3:::uploads-123456789012
```

## References
- https://docs.aws.amazon.com/lambda/latest/dg/access-control-resource-based.html
- https://docs.aws.amazon.com/IAM/latest/UserGuide/confused-deputy.html
""",
)

__all__ = ["RULE", "check"]
