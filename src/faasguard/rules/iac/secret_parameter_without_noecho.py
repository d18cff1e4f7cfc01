"""IAC031: a secret-looking template parameter or Terraform variable that is not masked."""

from __future__ import annotations

from collections.abc import Iterator

from faasguard.analysis.secrets.patterns import is_placeholder, is_reference, secret_name
from faasguard.core.enums import Category, Confidence, Severity
from faasguard.core.rule import Hit, Rule, RuleContext
from faasguard.model.app import App, Parameter
from faasguard.rules.iac._values import flag

_STORE_TYPES = ("AWS::SSM::Parameter::", "AWS::SecretsManager::")


def check(app: App, ctx: RuleContext) -> Iterator[Hit]:
    for parameter in app.parameters.values():
        if secret_name(parameter.name) is None or _store_typed(parameter):
            continue
        if parameter.no_echo is not None and flag(parameter.no_echo) is not False:
            continue  # masked, or set to something the scan cannot know
        default = _literal_default(parameter)
        if default is None:
            yield Hit(
                message=f"parameter {parameter.name} looks like a secret but is not masked "
                "(NoEcho / sensitive): its value is shown in the console, in API "
                "responses and in plan or event output",
                location=parameter.loc,
                resource=parameter.name,
                evidence=f"parameter {parameter.name} unmasked",
            )
            continue
        yield Hit(
            message=f"parameter {parameter.name} looks like a secret, is not masked and has a "
            "literal default value committed with the template",
            location=parameter.loc,
            resource=parameter.name,
            severity=Severity.HIGH,
            evidence=f"parameter {parameter.name} unmasked with default",
        )


def _store_typed(parameter: Parameter) -> bool:
    """SSM parameter types hold the name of a parameter, resolved by CloudFormation."""
    return parameter.type is not None and parameter.type.startswith(_STORE_TYPES)


def _literal_default(parameter: Parameter) -> str | None:
    default = parameter.default
    if default is None or not default.known or isinstance(default.value, bool):
        return None
    if not isinstance(default.value, str | int | float):
        return None
    text = str(default.value)
    return None if is_placeholder(text) or is_reference(text) else text


RULE = Rule(
    id="IAC031",
    name="secret-parameter-without-noecho",
    category=Category.SECRET_IN_ENV_PLAINTEXT,
    severity=Severity.MEDIUM,
    summary="A secret-looking template parameter or Terraform variable is not masked.",
    cwe=(200, 532),
    confidence=Confidence.MEDIUM,
    remediation="Set `NoEcho: true` on the CloudFormation parameter (`sensitive = true` on the "
    "Terraform variable) and remove any default; better, pass a Secrets Manager or SSM "
    "reference instead of the secret itself.",
    references=(
        "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/parameters-section-structure.html",
        "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/security-best-practices.html#creds",
        "https://developer.hashicorp.com/terraform/language/values/variables#suppressing-values-in-cli-output",
    ),
    check=check,
    doc="""
## What it does
Reports CloudFormation/SAM parameters and Terraform input variables whose name looks like a
secret (`DbPassword`, `api_token`, `ClientSecret`...) and that are not masked: no
`NoEcho: true` (CloudFormation) or no `sensitive = true` (Terraform). It is reported at high
severity when the parameter also has a literal default value. Parameters of the SSM types
(`AWS::SSM::Parameter::Value<String>`) are not reported: they hold a parameter name.

## Why is this bad?
An unmasked parameter value is displayed by `describe-stacks`, in the console and in stack
events; an unmasked Terraform variable is printed in plan output and CI logs. A default value
puts the secret itself into the repository.

## Example
```yaml template.yaml
Transform: AWS::Serverless-2016-10-31
Parameters:
  DbPassword:
    Type: String
    Default: hunter2-production
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
Parameters:
  DbPassword:
    Type: String
    NoEcho: true
Resources:
  OrdersFunction:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: python3.12
      Handler: app.handler
      CodeUri: src/
```

## Known problems
`NoEcho` masks the value in CloudFormation's outputs only: a value passed on to a function's
environment is still readable in the function configuration (IAC030, IAC032).

## References
- https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/parameters-section-structure.html
- https://developer.hashicorp.com/terraform/language/values/variables#suppressing-values-in-cli-output
""",
)

__all__ = ["RULE", "check"]
