"""IAC032: a function whose environment holds secret-like variables has no customer KMS key."""

from __future__ import annotations

from collections.abc import Iterator

from faasguard.analysis.secrets.patterns import secret_name
from faasguard.core.enums import Category, Confidence, Severity
from faasguard.core.rule import Hit, Rule, RuleContext
from faasguard.model.app import App, Function
from faasguard.rules.iac._app import quoted
from faasguard.rules.iac._encryption import KeyState, kms_key_state


def check(app: App, ctx: RuleContext) -> Iterator[Hit]:
    for function in app.functions.values():
        names = secret_names(function)
        if not names:
            continue
        state = kms_key_state(function.env_kms_key)
        if state not in (None, KeyState.AWS_MANAGED):
            continue  # a customer key, or one the scan cannot know
        key = function.env_kms_key
        what = "the AWS managed key aws/lambda" if key is not None else "the default key"
        yield Hit(
            message=f"environment of {function.name} holds secret-like variables "
            f"({quoted(names)}) but is encrypted with {what}, not a customer managed KMS key: "
            "anyone allowed to read the function configuration reads them in clear text",
            location=key.loc if key is not None else function.loc,
            resource=function.id,
            function=function.name,
            evidence=f"env key {state.value if state else 'default'}",
        )


def secret_names(function: Function) -> list[str]:
    """The function's environment variables whose names look like secrets."""
    return [name for name in function.environment if secret_name(name) is not None]


RULE = Rule(
    id="IAC032",
    name="environment-without-customer-key",
    category=Category.MISSING_ENCRYPTION,
    severity=Severity.LOW,
    summary="A function environment with secret-like variables is not encrypted with a "
    "customer managed KMS key.",
    cwe=(311,),
    confidence=Confidence.MEDIUM,
    remediation="Set the function's KmsKeyArn (serverless `kmsKeyArn`, Terraform `kms_key_arn`) "
    "to a customer managed key whose policy lets only the function's role decrypt, or better, "
    "read the secrets from Secrets Manager at run time.",
    references=(
        "https://docs.aws.amazon.com/lambda/latest/dg/configuration-envvars-encryption.html",
    ),
    check=check,
    doc="""
## What it does
Reports functions whose environment has variables with secret-like names (`DB_PASSWORD`,
`API_KEY`, `CLIENT_SECRET`...), whatever their values, and no customer managed KMS key for the
environment (`KmsKeyArn` absent, or the AWS managed `aws/lambda` key).

## Why is this bad?
Lambda encrypts environment variables at rest with an AWS managed key by default, and decrypts
them for every principal allowed `lambda:GetFunctionConfiguration`: read-only roles, support
tools, CI. A customer managed key puts a key policy between the configuration and the secret,
and every decrypt is logged by CloudTrail. Values resolved at deploy time
(`{{resolve:secretsmanager:...}}`, `${ssm:...}`) are stored in the configuration in clear text too.

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
      Environment:
        Variables:
          DB_PASSWORD: '{{resolve:secretsmanager:prod/db:SecretString:password}}'
```

## Use instead
```yaml template.yaml
Transform: AWS::Serverless-2016-10-31
Resources:
  EnvKey:
    Type: AWS::KMS::Key
    Properties:
      EnableKeyRotation: true
  OrdersFunction:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: python3.12
      Handler: app.handler
      CodeUri: src/
      KmsKeyArn: !GetAtt EnvKey.Arn
      Environment:
        Variables:
          DB_PASSWORD: '{{resolve:secretsmanager:prod/db:SecretString:password}}'
```

## Known problems
The name heuristics are data (`faasguard/data/secret_patterns.json`); a variable that only
holds the *name* of a secret (`DB_SECRET_ARN`, `PASSWORD_PARAM`) is not counted.

## References
- https://docs.aws.amazon.com/lambda/latest/dg/configuration-envvars-encryption.html
""",
)

__all__ = ["RULE", "check", "secret_names"]
