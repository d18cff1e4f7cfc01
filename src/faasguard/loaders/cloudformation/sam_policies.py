"""SAM ``Policies`` and the execution role SAM generates for a function.

``Policies`` items are managed policy names or ARNs, inline policy documents, bare
``Statement`` maps, or SAM policy templates (``DynamoDBCrudPolicy: {TableName: !Ref T}``)
expanded from the template definitions shipped in ``faasguard/data`` (Apache-2.0, see
``NOTICE-sam.md``). Template parameters are substituted as the user's own nodes, so a table
reference keeps the line the user wrote it on.
"""

from __future__ import annotations

import json
from functools import cache
from importlib.resources import files
from typing import Any

from faasguard.core.location import Location
from faasguard.loaders.cloudformation.build import Build, Item
from faasguard.loaders.cloudformation.text import INTERNAL_TAG, is_intrinsic
from faasguard.loaders.nodes import MapNode, Node, ScalarNode, SeqNode
from faasguard.loaders.policy import statements_from_document
from faasguard.model.app import Function, Principal, Role, Statement
from faasguard.model.values import Ref, V

MANAGED_POLICY_PREFIX = "arn:aws:iam::aws:policy/"
BASIC_EXECUTION = MANAGED_POLICY_PREFIX + "service-role/AWSLambdaBasicExecutionRole"
VPC_ACCESS = MANAGED_POLICY_PREFIX + "service-role/AWSLambdaVPCAccessExecutionRole"
XRAY_WRITE = MANAGED_POLICY_PREFIX + "AWSXrayWriteOnlyAccess"
# AWS managed policies that live under the service-role/ path.
_SERVICE_ROLE_POLICIES = frozenset(
    {
        "AWSLambdaBasicExecutionRole",
        "AWSLambdaVPCAccessExecutionRole",
        "AWSLambdaDynamoDBExecutionRole",
        "AWSLambdaKinesisExecutionRole",
        "AWSLambdaSQSQueueExecutionRole",
        "AWSLambdaMSKExecutionRole",
        "AWSLambdaRole",
        "AWSLambdaENIManagementAccess",
        "AWSConfigRulesExecutionRole",
        "AWSIoTRuleActions",
        "AWSIoTLogging",
        "AmazonAPIGatewayPushToCloudWatchLogs",
    }
)


@cache
def policy_templates() -> dict[str, Any]:
    text = files("faasguard").joinpath("data/sam_policy_templates.json").read_text("utf-8")
    templates: dict[str, Any] = json.loads(text)["Templates"]
    return templates


def managed_policy_arn(name: str) -> str:
    """The ARN of an AWS managed policy given by name, as SAM accepts it in ``Policies``."""
    if name.startswith("arn:"):
        return name
    path = "service-role/" if name in _SERVICE_ROLE_POLICIES else ""
    return f"{MANAGED_POLICY_PREFIX}{path}{name}"


def generated_role(b: Build, item: Item, fn: Function | None, origin: str) -> Role:
    """The role SAM makes for a function (or state machine) without ``Role``: basic execution,
    X-Ray and VPC managed policies as SAM adds them, and the expanded ``Policies``."""
    p = item.props
    role = Role(f"{item.id}Role", p.key_loc("Policies") if p.has("Policies") else item.loc)
    role.generated = True
    if fn is not None:
        role.managed_policies.append(V(BASIC_EXECUTION, item.loc))
        if p.has("Tracing"):
            role.managed_policies.append(V(XRAY_WRITE, p.key_loc("Tracing")))
        if p.has("VpcConfig"):
            role.managed_policies.append(V(VPC_ACCESS, p.key_loc("VpcConfig")))
        role.functions.append(fn.id)
        fn.role = role.id
        fn.role_value = V(Ref(role.id, "Arn"), item.loc)
    trust = p.get("AssumeRolePolicyDocument")
    if trust is not None:
        role.trust = b.document(trust, "AssumeRolePolicyDocument")
    else:
        role.trust = [_service_trust(role.loc, "lambda.amazonaws.com" if fn else "states")]
    role.permissions_boundary = p.str("PermissionsBoundary")
    policies = p.get("Policies")
    if policies is not None:
        add_policies(b, role, policies, origin)
    b.app.roles[role.id] = role
    return role


def _service_trust(at: Location, service: str) -> Statement:
    if "." not in service:
        service = f"{service}.amazonaws.com"
    statement = Statement(at, V("Allow", at), "SAM generated trust policy")
    statement.actions = [V("sts:AssumeRole", at)]
    statement.principals = [Principal("Service", V(service, at))]
    return statement


def add_policies(b: Build, role: Role, node: Node, origin: str) -> None:
    """Every item of a SAM ``Policies`` value, added to `role`."""
    items = node.items if isinstance(node, SeqNode) else [node]
    for raw in items:
        item = b.branch(raw)
        if item is None:
            continue
        if isinstance(item, MapNode) and not is_intrinsic(item):
            role.statements.extend(_policy_map(b, item, origin))
            continue
        value = b.resolve(item)
        if value.known and not isinstance(value.value, str):
            b.report(
                "a Policies item should be a policy name or ARN, a template or a document", item.loc
            )
            continue
        if isinstance(value.value, str):
            value = V(managed_policy_arn(value.value), value.loc)
        role.managed_policies.append(value)


def _policy_map(b: Build, node: MapNode, origin: str) -> list[Statement]:
    if "Statement" in node:
        return b.document(node, f"{origin} inline policy")
    if len(node) == 1:
        name, params = next(iter(node.items()))
        if name in policy_templates():
            return expand_template(b, name, params, node.key_loc(name))
    if {"Effect", "Action"} <= set(node) or {"Effect", "NotAction"} <= set(node):
        return b.statements(node, f"{origin} statement")
    names = ", ".join(node) or "an empty map"
    b.report(f"unknown SAM policy template or policy: {names}", node.loc)
    return []


def expand_template(b: Build, name: str, params: Node, at: Location) -> list[Statement]:
    """A SAM policy template's statements with the user's parameter nodes substituted."""
    template = policy_templates()[name]
    given = params.entries if isinstance(params, MapNode) and not is_intrinsic(params) else {}
    if not isinstance(params, MapNode):
        b.report(f"{name} expects a map of parameters", params.loc)
    expected = list(template.get("Parameters", {}))
    for missing in [param for param in expected if param not in given]:
        b.report(f"{name} needs the parameter {missing}", at)
    for unknown in [param for param in given if param not in expected]:
        b.report(f"{name} has no parameter {unknown}", params.loc)
    document = to_node(template["Definition"], at, given)
    # The definition has no Fn::If of its own: no pruning needed (the parameters are the
    # user's nodes, resolved - and pruned of a top-level NoValue - by the resolver).
    return statements_from_document(document, f"SAM template {name}", b.resolve)


def to_node(data: Any, at: Location, params: dict[str, Node] | None = None) -> Node:
    """Plain JSON data as nodes located at `at`; ``{"Ref": P}`` for a parameter in `params`
    becomes the parameter's own node, one not given becomes an unresolved marker."""
    if isinstance(data, dict):
        ref = data.get("Ref") if len(data) == 1 else None
        if params is not None and isinstance(ref, str) and not ref.startswith("AWS::"):
            given = params.get(ref)
            return given if given is not None else ScalarNode(at, INTERNAL_TAG, ref)
        entries = {str(key): to_node(value, at, params) for key, value in data.items()}
        return MapNode(at, entries=entries, keys=dict.fromkeys(entries, at))
    if isinstance(data, list):
        return SeqNode(at, items=[to_node(value, at, params) for value in data])
    return ScalarNode(at, value=data)


__all__ = [
    "BASIC_EXECUTION",
    "VPC_ACCESS",
    "XRAY_WRITE",
    "add_policies",
    "expand_template",
    "generated_role",
    "managed_policy_arn",
    "policy_templates",
    "to_node",
]
