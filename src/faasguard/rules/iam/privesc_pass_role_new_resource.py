"""IAM003: a principal can pass a more privileged role to a new resource it controls."""

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
        PrivescCategory.NEW_PASSROLE,
        "can pass a more privileged role to a new resource it controls",
    )


RULE = Rule(
    id="IAM003",
    name="privesc-pass-role-to-new-resource",
    category=Category.PRIVESC_PATH,
    severity=Severity.HIGH,
    summary="A role, user or group can create a function, stack, instance, job or task and "
    "pass it a role with more permissions (iam:PassRole + lambda:CreateFunction, ...).",
    cwe=(269, 250),
    confidence=Confidence.HIGH,
    remediation="Scope iam:PassRole to the roles the principal really passes, add an "
    "iam:PassedToService condition, and pass only roles with no more permissions than the "
    "principal itself.",
    references=(
        "https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_use_passrole.html",
        "https://pathfinding.cloud/",
    ),
    check=check,
    doc="""
## What it does
Reports principals that can create a compute resource or a deployment and hand it a role:
`iam:PassRole` with `lambda:CreateFunction` and `lambda:InvokeFunction` (or an event source
mapping, or `lambda:AddPermission`), `cloudformation:CreateStack`, `ec2:RunInstances`,
`codebuild:CreateProject`, `glue:CreateJob`, `ecs:RegisterTaskDefinition`,
`sagemaker:CreateNotebookInstance`, `states:CreateStateMachine`, ... (36 methods). The passed
role must be reachable by the `iam:PassRole` statement (its Resource and an
`iam:PassedToService` condition are evaluated), trust the service the method needs, and hold
permissions the principal lacks: passing a role of the project that trusts another service, or
that has no more permissions, is not a path. `iam:PassRole` on `*` reaches roles outside the
project too, and is reported with medium confidence.

## Why is this bad?
Whoever controls the function creates a new Lambda function with an administrator role of the
account, invokes it, and runs any code with that role. The function's own narrow permissions
do not matter: `iam:PassRole` borrows someone else's.

## Example
```yaml template.yaml
Transform: AWS::Serverless-2016-10-31
Resources:
  DeployerFunction:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: python3.12
      Handler: app.handler
      CodeUri: src/
      Policies:
        - Statement:
            - Effect: Allow
              Action: iam:PassRole
              Resource: "*"
            - Effect: Allow
              Action:
                - lambda:CreateFunction
                - lambda:InvokeFunction
              Resource: "*"
```

## Use instead
```yaml template.yaml
Transform: AWS::Serverless-2016-10-31
Resources:
  WorkerRole:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Principal:
              Service: lambda.amazonaws.com
            Action: sts:AssumeRole
      ManagedPolicyArns:
        - arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole
  DeployerFunction:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: python3.12
      Handler: app.handler
      CodeUri: src/
      Policies:
        - Statement:
            - Effect: Allow
              Action: iam:PassRole
              Resource: !GetAtt WorkerRole.Arn
              Condition:
                StringEquals:
                  iam:PassedToService: lambda.amazonaws.com
            - Effect: Allow
              Action:
                - lambda:CreateFunction
                - lambda:InvokeFunction
              Resource: "*"
```

## Known problems
Roles outside the project cannot be seen: `iam:PassRole` on a wildcard is reported whether
or not such a role exists. The actions of one method are checked separately, not on the very
same new resource.

## References
- https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_use_passrole.html
""",
)

__all__ = ["RULE", "check"]
