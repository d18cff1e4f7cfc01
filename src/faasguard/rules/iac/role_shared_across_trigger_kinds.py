"""IAC019: one role shared by functions that are invoked in different ways."""

from __future__ import annotations

from collections.abc import Iterator

from faasguard.analysis.exposure import Exposure
from faasguard.core.enums import Category, Confidence, Severity
from faasguard.core.rule import Hit, Rule, RuleContext
from faasguard.model.app import App, Function
from faasguard.rules.iac._app import quoted, role_exposure, role_functions


def trigger_profile(function: Function) -> frozenset[str]:
    """How a function is invoked: "http" for any HTTP entry point, else the trigger kinds."""
    return frozenset("http" if t.kind.is_http else t.kind.value for t in function.triggers)


def check(app: App, ctx: RuleContext) -> Iterator[Hit]:
    for role in app.roles.values():
        profiles = {
            f.name: profile
            for f in role_functions(app, role)
            if (profile := trigger_profile(f))  # functions without triggers are not compared
        }
        if len(profiles) < 2 or len(set(profiles.values())) < 2:
            continue
        described = [f"{name} ({'+'.join(sorted(kinds))})" for name, kinds in profiles.items()]
        exposure = role_exposure(app, role)
        public = exposure in (Exposure.PUBLIC_UNAUTHENTICATED, Exposure.PUBLIC_AUTHENTICATED)
        yield Hit(
            message=f"role {role.id} is shared by functions with different triggers: "
            f"{quoted(described, limit=4)}; each gets the permissions of all",
            location=role.loc,
            resource=role.id,
            severity=Severity.MEDIUM if public else Severity.LOW,
            evidence="shared by " + " ".join(sorted(described)),
        )


RULE = Rule(
    id="IAC019",
    name="role-shared-across-trigger-kinds",
    category=Category.OVER_PRIVILEGED_IAM,
    severity=Severity.MEDIUM,
    summary="One IAM role is shared by functions with different triggers (for example an HTTP "
    "function and a queue consumer).",
    cwe=(250,),
    confidence=Confidence.HIGH,
    remediation="Give each function its own role with only what it needs (SAM does this when "
    "`Role` is not set; in serverless.yml use per-function `iamRoleStatements` or `role`).",
    references=(
        "https://docs.aws.amazon.com/lambda/latest/dg/lambda-intro-execution-role.html",
        "https://docs.aws.amazon.com/wellarchitected/latest/serverless-applications-lens/identity-and-access-management.html",
    ),
    check=check,
    doc="""
## What it does
Reports roles assumed by several functions whose triggers differ: an HTTP function (API
Gateway, function URL, ALB) next to a queue consumer, a stream processor next to a scheduled
job. Medium when one of the functions is reachable from the internet, low otherwise.
Functions without triggers are not compared. The role serverless.yml generates for every
function (`IamRoleLambdaExecution`) is a shared role too.

## Why is this bad?
A shared role is the union of what every function needs, so the most exposed function,
usually the public HTTP one, holds the permissions of the most privileged one: the internet
facing handler can purge the queue, read the whole table or call the payment secret that only
the back-office consumer needed.

## Example
```yaml template.yaml
Transform: AWS::Serverless-2016-10-31
Resources:
  Jobs:
    Type: AWS::SQS::Queue
  SharedRole:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Principal:
              Service: lambda.amazonaws.com
            Action: sts:AssumeRole
  ApiFunction:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: python3.12
      Handler: app.handler
      CodeUri: src/
      Role: !GetAtt SharedRole.Arn
      Events:
        Get:
          Type: HttpApi
          Properties:
            Path: /jobs
            Method: get
  WorkerFunction:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: python3.12
      Handler: app.handler
      CodeUri: src/
      Role: !GetAtt SharedRole.Arn
      Events:
        Jobs:
          Type: SQS
          Properties:
            Queue: !GetAtt Jobs.Arn
```

## Use instead
```yaml template.yaml
Transform: AWS::Serverless-2016-10-31
Resources:
  Jobs:
    Type: AWS::SQS::Queue
  ApiFunction:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: python3.12
      Handler: app.handler
      CodeUri: src/
      Events:
        Get:
          Type: HttpApi
          Properties:
            Path: /jobs
            Method: get
  WorkerFunction:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: python3.12
      Handler: app.handler
      CodeUri: src/
      Events:
        Jobs:
          Type: SQS
          Properties:
            Queue: !GetAtt Jobs.Arn
```

## References
- https://docs.aws.amazon.com/lambda/latest/dg/lambda-intro-execution-role.html
""",
)

__all__ = ["RULE", "check", "trigger_profile"]
