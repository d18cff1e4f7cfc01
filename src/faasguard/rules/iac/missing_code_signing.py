"""IAC065: a function without code signing, or with code signing that only warns."""

from __future__ import annotations

from collections.abc import Iterator

from faasguard.core.enums import Category, Confidence, Severity
from faasguard.core.rule import Hit, Rule, RuleContext
from faasguard.model.app import App, Function
from faasguard.model.values import V
from faasguard.rules.iac._app import referenced_resource

_POLICY = "untrusted_artifact_on_deployment"


def check(app: App, ctx: RuleContext) -> Iterator[Hit]:
    for function in app.functions.values():
        if function.image:
            continue  # code signing applies to .zip packages only
        if function.code_signing is None:
            yield Hit(
                message=f"function {function.name} has no code signing configuration: any "
                "package uploaded with deploy rights runs as the function",
                location=function.loc,
                resource=function.id,
                function=function.name,
                evidence="no code signing",
            )
            continue
        hit = _warn_only(app, function)
        if hit is not None:
            yield hit


def _warn_only(app: App, function: Function) -> Hit | None:
    config = referenced_resource(app, function.code_signing)
    action = config.extra.get(_POLICY) if config is not None else None
    if config is None or not isinstance(action, V):
        return None  # a configuration outside the project
    if not action.known or action.is_("Enforce"):
        return None
    where = action.loc
    return Hit(
        message=f"code signing configuration {config.id} of {function.name} only warns about "
        "unsigned or untrusted packages (UntrustedArtifactOnDeployment Warn): they are "
        "deployed anyway",
        location=where,
        resource=config.id,
        function=function.name,
        evidence="code signing warn only",
    )


RULE = Rule(
    id="IAC065",
    name="missing-code-signing",
    category=Category.MISCONFIGURATION,
    severity=Severity.LOW,
    summary="A function has no enforced code signing.",
    cwe=(494, 345),
    confidence=Confidence.HIGH,
    remediation="Create an AWS Signer profile, a code signing configuration with "
    "UntrustedArtifactOnDeployment Enforce, and set the function's CodeSigningConfigArn; sign "
    "packages in CI.",
    references=("https://docs.aws.amazon.com/lambda/latest/dg/configuration-codesigning.html",),
    check=check,
    doc="""
## What it does
Reports functions deployed as .zip packages without `CodeSigningConfigArn`, and those whose
code signing configuration in the template only warns (`UntrustedArtifactOnDeployment: Warn`,
the default).

## Why is this bad?
Without enforced code signing, Lambda runs whatever package is uploaded by anyone with
`lambda:UpdateFunctionCode`: a leaked CI credential or a compromised build step is enough to
replace the function's code. Code signing makes Lambda refuse packages not signed by your
signing profiles.

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
  SigningConfig:
    Type: AWS::Lambda::CodeSigningConfig
    Properties:
      AllowedPublishers:
        SigningProfileVersionArns:
          - arn:aws:signer:eu-west-1:123456789012:/signing-profiles/ci/abcdef
      CodeSigningPolicies:
        UntrustedArtifactOnDeployment: Enforce
  OrdersFunction:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: python3.12
      Handler: app.handler
      CodeUri: src/
      CodeSigningConfigArn: !Ref SigningConfig
```

## Known problems
Low severity on purpose: code signing protects against a stolen deploy credential, not
against a vulnerability in the code. Container image functions are not checked (sign images
with AWS Signer and verify them in the registry instead).

## References
- https://docs.aws.amazon.com/lambda/latest/dg/configuration-codesigning.html
""",
)

__all__ = ["RULE", "check"]
