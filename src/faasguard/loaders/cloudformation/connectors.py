"""``AWS::Serverless::Connector`` expanded from SAM's connector profiles (shipped in
``faasguard/data``, Apache-2.0, see ``NOTICE-sam.md``): statements on the role of the source
(or of the destination, for event source mappings), statements in a queue or topic policy, or a
Lambda permission - whatever the profile for that pair of types says."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import cache
from importlib.resources import files
from typing import Any

from faasguard.core.location import Location
from faasguard.loaders.cloudformation.build import Build, Item, Props
from faasguard.loaders.cloudformation.sam_policies import to_node
from faasguard.loaders.cloudformation.text import INTERNAL_TAG
from faasguard.loaders.nodes import MapNode, Node, ScalarNode, SeqNode
from faasguard.model.app import Permission, Resource, Role
from faasguard.model.values import V

SAM_TO_CFN = {
    "AWS::Serverless::Function": "AWS::Lambda::Function",
    "AWS::Serverless::Api": "AWS::ApiGateway::RestApi",
    "AWS::Serverless::HttpApi": "AWS::ApiGatewayV2::Api",
    "AWS::Serverless::SimpleTable": "AWS::DynamoDB::Table",
    "AWS::Serverless::StateMachine": "AWS::StepFunctions::StateMachine",
    "AWS::Serverless::GraphQLApi": "AWS::AppSync::GraphQLApi",
}
_PLACEHOLDER = re.compile(r"%\{([A-Za-z]+)\.([A-Za-z]+)\}")


@cache
def connector_profiles() -> dict[str, Any]:
    text = files("faasguard").joinpath("data/sam_connector_profiles.json").read_text("utf-8")
    profiles: dict[str, Any] = json.loads(text)
    return profiles


@dataclass(slots=True)
class Endpoint:
    type: str
    id: str | None  # the logical id when given by Id
    values: dict[str, Node] = field(default_factory=dict)  # Arn, Name, Qualifier, ...


def load_connector(b: Build, item: Item) -> None:
    p = item.props
    source = _endpoint(b, p.map("Source"), item, "Source")
    destinations = p.maps("Destination")
    permissions = [v.value for v in p.strs("Permissions") if isinstance(v.value, str)]
    if source is None or not destinations or not permissions:
        b.report(f"{item.id} needs Source, Destination and Permissions", item.loc)
        return
    for block in destinations:
        destination = _endpoint(b, block, item, "Destination")
        if destination is not None:
            _connect(b, item, source, destination, permissions)


def _endpoint(b: Build, p: Props | None, item: Item, role: str) -> Endpoint | None:
    if p is None:
        return None
    logical = p.text("Id")
    if logical is not None:
        type_ = b.types.get(logical)
        if type_ is None:
            b.report(f"{item.id}: {role} {logical!r} is not a resource of the template", p.loc)
            return None
        type_ = SAM_TO_CFN.get(type_, type_)
        outputs = connector_profiles()["CfnResourceProperties"].get(type_, {}).get("Outputs", {})
        values = {"Arn": {"Fn::GetAtt": [logical, "Arn"]}, "ResourceId": {"Ref": logical}}
        values["Name"] = {"Ref": logical}
        values.update(_replace_logical_id(outputs, logical))
        return Endpoint(
            type_, b.model_id(logical), {k: to_node(v, p.loc) for k, v in values.items()}
        )
    type_text = p.text("Type")
    if type_text is None:
        b.report(f"{item.id}: {role} needs Id, or Type and Arn", p.loc)
        return None
    given = {
        key: node
        for key in ("Arn", "Name", "Qualifier", "ResourceId", "RoleName")
        if (node := p.get(key)) is not None
    }
    return Endpoint(SAM_TO_CFN.get(type_text, type_text), None, given)


def _replace_logical_id(data: Any, logical: str) -> Any:
    if isinstance(data, str):
        return data.replace("%{logicalId}", logical)
    if isinstance(data, list):
        return [_replace_logical_id(x, logical) for x in data]
    if isinstance(data, dict):
        return {k: _replace_logical_id(v, logical) for k, v in data.items()}
    return data


def _connect(
    b: Build, item: Item, source: Endpoint, dest: Endpoint, permissions: list[str]
) -> None:
    profile = connector_profiles()["Permissions"].get(source.type, {}).get(dest.type)
    if profile is None:
        b.report(f"{item.id}: SAM has no connector from {source.type} to {dest.type}", item.loc)
        return
    properties = profile["Properties"]
    categories = properties["AccessCategories"]
    for permission in permissions:
        body = categories.get(permission)
        if body is None:
            b.report(
                f"{item.id}: {permission} is not possible from {source.type} to {dest.type}",
                item.loc,
            )
            continue
        filled = _fill(body, item.loc, {"Source": source, "Destination": dest}, item.id)
        origin = f"SAM connector {item.id} ({permission})"
        _apply(b, profile["Type"], properties, filled, source, dest, origin, item)


def _apply(
    b: Build,
    kind: str,
    properties: dict[str, Any],
    body: MapNode,
    source: Endpoint,
    dest: Endpoint,
    origin: str,
    item: Item,
) -> None:
    if kind == "AWS_LAMBDA_PERMISSION":
        _permission(b, body, dest, item)
        return
    statements = b.statements(body.get("Statement") or SeqNode(body.loc), origin)
    if kind == "AWS_IAM_ROLE_MANAGED_POLICY":
        role = _role_of(b, source if properties.get("SourcePolicy") else dest)
        if role is not None:
            role.statements.extend(statements)
        return
    resource = b.app.resources.get(dest.id or "")
    if resource is not None:
        resource.policy.extend(statements)


def _permission(b: Build, body: MapNode, dest: Endpoint, item: Item) -> None:
    p = b.props(body)
    at = item.loc
    function: V[str] = b.resolve(_value(dest, "Arn", at))
    permission = Permission(f"{item.id}.Permission", at, function, p.str("Principal") or V("", at))
    permission.action = p.str("Action")
    permission.source_arn = p.str("SourceArn")
    permission.generated = True
    b.app.permissions.append(permission)


def _role_of(b: Build, endpoint: Endpoint) -> Role | None:
    fn = b.app.functions.get(endpoint.id or "")
    if fn is not None:
        return b.app.function_role(fn)
    resource: Resource | None = b.app.resources.get(endpoint.id or "")
    if resource is not None:
        role = b.target(resource.extra.get("role"), b.app.roles)
        return b.app.roles.get(role or "")
    return None


def _fill(data: Any, at: Location, endpoints: dict[str, Endpoint], logical: str) -> MapNode:
    """Profile JSON as nodes with ``%{Source.Arn}``-style placeholders replaced by nodes."""
    node = _fill_any(data, at, endpoints, logical)
    return node if isinstance(node, MapNode) else MapNode(at)


def _fill_any(data: Any, at: Location, endpoints: dict[str, Endpoint], logical: str) -> Node:
    if isinstance(data, dict):
        entries = {k: _fill_any(v, at, endpoints, logical) for k, v in data.items()}
        return MapNode(at, entries=entries, keys=dict.fromkeys(entries, at))
    if isinstance(data, list):
        return SeqNode(at, items=[_fill_any(v, at, endpoints, logical) for v in data])
    if not isinstance(data, str) or "%{" not in data:
        return ScalarNode(at, value=data)
    text = data.replace("%{logicalId}", logical)
    whole = _PLACEHOLDER.fullmatch(text)
    if whole is not None:
        return _value(endpoints[whole.group(1)], whole.group(2), at)
    variables: dict[str, Node] = {}

    def _sub(match: re.Match[str]) -> str:
        name = f"v{len(variables)}"
        variables[name] = _value(endpoints[match.group(1)], match.group(2), at)
        return "${" + name + "}"

    template = _PLACEHOLDER.sub(_sub, text)
    local = MapNode(at, entries=variables, keys=dict.fromkeys(variables, at))
    args = SeqNode(at, items=[ScalarNode(at, value=template), local])
    return MapNode(at, entries={"Fn::Sub": args}, keys={"Fn::Sub": at})


def _value(endpoint: Endpoint, key: str, at: Location) -> Node:
    node = endpoint.values.get(key)
    return node if node is not None else ScalarNode(at, INTERNAL_TAG, f"%{{{key}}}")


__all__ = ["SAM_TO_CFN", "connector_profiles", "load_connector"]
