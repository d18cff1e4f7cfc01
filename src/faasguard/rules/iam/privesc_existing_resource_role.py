"""IAM004: a principal can run code as an existing resource whose role has more permissions."""

from __future__ import annotations

from collections.abc import Iterator

from faasguard.core.enums import Category, Confidence, Severity
from faasguard.core.rule import Hit, Rule, RuleContext
from faasguard.iam.methods import PrivescCategory
from faasguard.model.app import App
from faasguard.rules.iam._paths import category_hits


def check(app: App, ctx: RuleContext) -> Iterator[Hit]:
    return category_hits(
        app,
        PrivescCategory.EXISTING_PASSROLE,
        "can run code as an existing resource whose role has more permissions",
    )


RULE = Rule(
    id="IAM004",
    name="privesc-via-existing-resource-role",
    category=Category.PRIVESC_PATH,
    severity=Severity.HIGH,
    summary="A role, user or group can change or run an existing function, stack, build "
    "project, instance or notebook whose role has more permissions.",
    cwe=(269, 250),
    confidence=Confidence.HIGH,
    remediation="Scope lambda:UpdateFunctionCode/UpdateFunctionConfiguration, "
    "codebuild:StartBuild, ssm:SendCommand and the like to resources whose roles have no more "
    "permissions than the principal itself.",
    references=(
        "https://pathfinding.cloud/",
        "https://docs.aws.amazon.com/lambda/latest/dg/permissions-user-function.html",
    ),
    check=check,
    doc="""
## What it does
Reports principals that can make an existing resource run their code with that resource's
role: `lambda:UpdateFunctionCode` (alone, or with `lambda:InvokeFunction` or
`lambda:AddPermission`), `lambda:UpdateFunctionConfiguration` (layers and wrapper variables,
or a new role with `iam:PassRole`), `cloudformation:UpdateStack` and change sets,
`codebuild:StartBuild`, `ssm:SendCommand`/`ssm:StartSession`, `ec2-instance-connect`,
`glue:UpdateDevEndpoint`, `sagemaker` notebooks, `ecs:ExecuteCommand` (20 methods). For Lambda
functions of the project the function's role is compared with the principal's: updating a
function that runs with the same or a narrower role is not a path. Grants that reach resources
outside the project (`*`) are reported with medium confidence.

## Why is this bad?
`lambda:UpdateFunctionCode` on `*` lets a compromised function replace the code of any other
function in the account and run it with that function's role, including the deployment or
administration functions with the widest permissions.

## Example
```yaml template.yaml
Transform: AWS::Serverless-2016-10-31
Resources:
  PublisherFunction:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: python3.12
      Handler: app.handler
      CodeUri: src/
      Policies:
        - Statement:
            - Effect: Allow
              Action: lambda:UpdateFunctionCode
              Resource: "*"
```

## Use instead
```yaml template.yaml
Transform: AWS::Serverless-2016-10-31
Resources:
  PreviewFunction:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: python3.12
      Handler: app.handler
      CodeUri: src/
  PublisherFunction:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: python3.12
      Handler: app.handler
      CodeUri: src/
      Policies:
        - Statement:
            - Effect: Allow
              Action: lambda:UpdateFunctionCode
              Resource: !GetAtt PreviewFunction.Arn
```

## Known problems
The roles of stacks, build projects, instances and notebooks are not modelled: grants on them
are reported as potential paths (medium confidence) even when the project declares them.

## References
- https://pathfinding.cloud/
""",
)

__all__ = ["RULE", "check"]
