"""IAC064: a function in a VPC whose security group allows all outbound traffic."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from faasguard.analysis.exposure import Exposure, exposed_severity, function_exposure
from faasguard.core.enums import Category, Confidence, Severity
from faasguard.core.location import Location
from faasguard.core.rule import Hit, Rule, RuleContext
from faasguard.model.app import App, Function, Resource, ResourceKind
from faasguard.model.values import V
from faasguard.rules.iac._app import quoted, referenced_resource

RULE_SEVERITY = Severity.LOW
_ANYWHERE = frozenset({"0.0.0.0/0", "::/0"})
_ALL_PROTOCOLS = frozenset({"-1", "all"})
# Widest first; one function of unknown exposure outranks internal ones.
_ORDER = [
    Exposure.PUBLIC_UNAUTHENTICATED,
    Exposure.PUBLIC_AUTHENTICATED,
    Exposure.UNKNOWN,
    Exposure.INTERNAL,
]


def check(app: App, ctx: RuleContext) -> Iterator[Hit]:
    users: dict[str, list[Function]] = {}
    groups: dict[str, Resource] = {}
    for function in app.functions.values():
        for value in function.vpc.security_groups if function.vpc is not None else []:
            group = referenced_resource(app, value, ResourceKind.SECURITY_GROUP)
            if group is not None:
                groups[group.id] = group
                users.setdefault(group.id, []).append(function)
    for group_id, functions in users.items():
        where = open_egress(groups[group_id])
        if where is None:
            continue
        exposure = min((function_exposure(f) for f in functions), key=_ORDER.index)
        names = [f.name for f in functions]
        yield Hit(
            message=f"security group {group_id} of {quoted(names)} allows all outbound traffic "
            "to anywhere: code running in the function can send data to any host",
            location=where,
            resource=group_id,
            function=names[0],
            severity=exposed_severity(RULE_SEVERITY, exposure),
            evidence="security group all egress",
        )


def open_egress(group: Resource) -> Location | None:
    """Where the group allows every protocol to anywhere: the range of that rule (for the
    allow-all rule AWS adds to a group declared without egress rules, the group itself).
    None when egress is restricted."""
    rules: list[dict[str, Any]] = group.extra.get("egress") or []
    for rule in rules:
        target = next((c for c in _cidrs(rule) if c.text().strip() in _ANYWHERE), None)
        if target is not None and _all_traffic(rule):
            return target.loc
    return None


def _cidrs(rule: dict[str, Any]) -> list[V[Any]]:
    return [v for v in rule.get("cidrs") or [] if _known(v) is not None]


def _known(value: object) -> V[Any] | None:
    return value if isinstance(value, V) and value.known else None


def _all_traffic(rule: dict[str, Any]) -> bool:
    protocol = _known(rule.get("protocol"))
    if protocol is not None and protocol.text().strip().lower() in _ALL_PROTOCOLS:
        return True
    low, high = _known(rule.get("from_port")), _known(rule.get("to_port"))
    return low is not None and high is not None and low.get(-1) <= 0 and high.get(0) >= 65535


RULE = Rule(
    id="IAC064",
    name="vpc-function-all-egress",
    category=Category.MISCONFIGURATION,
    severity=RULE_SEVERITY,
    summary="A function in a VPC has a security group that allows all outbound traffic.",
    cwe=(284,),
    confidence=Confidence.MEDIUM,
    remediation="Replace the allow-all egress rule with rules for the ports and destinations "
    "the function needs (the database's security group, VPC endpoints' prefix lists, 443 to "
    "known ranges).",
    references=(
        "https://docs.aws.amazon.com/lambda/latest/dg/configuration-vpc.html",
        "https://docs.aws.amazon.com/vpc/latest/userguide/security-group-rules.html",
    ),
    check=check,
    doc="""
## What it does
Reports security groups of the template attached to functions in a VPC that allow all
protocols to `0.0.0.0/0` or `::/0`, including groups that declare no egress rule at all
(CloudFormation then keeps the default allow-all rule, even when egress rules are added by
separate `AWS::EC2::SecurityGroupEgress` resources).

## Why is this bad?
A function is put in a VPC to reach private resources and, often, to keep it away from the
internet. Allow-all egress undoes the second half: injected or compromised code can
exfiltrate data or reach attacker infrastructure from inside the network, wherever the
subnets' routes lead (a NAT gateway, peered networks, on-premises links).

## Example
```yaml template.yaml
Transform: AWS::Serverless-2016-10-31
Resources:
  FunctionSecurityGroup:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: orders function
      VpcId: vpc-0123456789abcdef0
  OrdersFunction:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: python3.12
      Handler: app.handler
      CodeUri: src/
      VpcConfig:
        SecurityGroupIds:
          - !Ref FunctionSecurityGroup
        SubnetIds:
          - subnet-0123456789abcdef0
```

## Use instead
```yaml template.yaml
Transform: AWS::Serverless-2016-10-31
Resources:
  FunctionSecurityGroup:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: orders function
      VpcId: vpc-0123456789abcdef0
      SecurityGroupEgress:
        - IpProtocol: tcp
          FromPort: 5432
          ToPort: 5432
          CidrIp: 10.0.0.0/16
  OrdersFunction:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: python3.12
      Handler: app.handler
      CodeUri: src/
      VpcConfig:
        SecurityGroupIds:
          - !Ref FunctionSecurityGroup
        SubnetIds:
          - subnet-0123456789abcdef0
```

## Known problems
Security groups defined outside the template (ids written as literals) are not checked.
Terraform security groups with no `egress` block have no egress rule at all and are not
reported.

## References
- https://docs.aws.amazon.com/lambda/latest/dg/configuration-vpc.html
""",
)

__all__ = ["RULE", "check", "open_egress"]
