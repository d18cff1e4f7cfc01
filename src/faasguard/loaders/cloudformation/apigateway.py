"""API Gateway REST APIs written as plain CloudFormation (also what CDK emits): RestApi,
Authorizer, Method (one route each), Stage, Deployment, UsagePlan, DomainName."""

from __future__ import annotations

from typing import Any

from faasguard.loaders.cloudformation.build import Build, Item, Props, as_ref
from faasguard.loaders.cloudformation.http import (
    AUTHORIZER_KINDS,
    METHOD_AUTH,
    add_stage,
    auth_kind,
    rest_stage,
    throttle,
    with_api_key,
)
from faasguard.model.app import Api, ApiKind, Auth, Authorizer, ResourceKind, Trigger, TriggerKind
from faasguard.model.values import V

MAX_PATH_DEPTH = 50


def load_rest_api(b: Build, item: Item) -> None:
    p = item.props
    api = Api(item.id, ApiKind.REST, item.loc, raw=item.node)
    api.name = p.str("Name")
    endpoint = p.map("EndpointConfiguration")
    types = endpoint.strs("Types") if endpoint is not None else []
    api.endpoint_type = types[0] if types else None
    api.disable_default_endpoint = p.bool("DisableExecuteApiEndpoint")
    policy = p.get("Policy")
    if policy is not None:
        api.policy = b.document(policy, f"Policy of {item.id}")
    b.app.apis[item.id] = api


def rest_api_of(b: Build, p: Props, key: str = "RestApiId") -> Api | None:
    return b.app.apis.get(b.target(p.value(key), b.app.apis) or "")


def load_authorizer(b: Build, item: Item) -> None:
    """``AWS::ApiGateway::Authorizer`` and ``AWS::ApiGatewayV2::Authorizer``, keyed by id."""
    p = item.props
    api = rest_api_of(b, p, "RestApiId" if p.has("RestApiId") else "ApiId")
    kind_value = p.str("Type") if p.has("Type") else p.str("AuthorizerType")
    authorizer = Authorizer(
        p.text("Name") or item.id, auth_kind(kind_value, AUTHORIZER_KINDS), item.loc
    )
    if api is not None:
        api.authorizers[item.id] = authorizer


def load_method(b: Build, item: Item) -> None:
    p = item.props
    api = rest_api_of(b, p)
    integration = p.map("Integration")
    if integration is not None and integration.text("Type") == "MOCK":
        return  # answered by API Gateway itself (CORS preflight): no code behind it
    function = b.function_of(integration.value("Uri")) if integration is not None else None
    method = (p.text("HttpMethod") or "").upper() or None
    auth_type = p.str("AuthorizationType")
    authorizer = b.target(p.value("AuthorizerId"), api.authorizers) if api is not None else None
    scopes = tuple(s.value for s in p.strs("AuthorizationScopes") if isinstance(s.value, str))
    at = auth_type.loc if auth_type is not None else item.loc
    auth = Auth(auth_kind(auth_type, METHOD_AUTH), at, authorizer, scopes=scopes)
    key = p.bool("ApiKeyRequired")
    with_api_key(auth, key is not None and key.value is True)
    trigger = Trigger(TriggerKind.REST_API, item.loc, item.id, function, auth=auth, raw=item.node)
    trigger.api = api.id if api is not None else None
    trigger.method = method
    trigger.path = rest_path(b, p.value("ResourceId"))
    trigger.public = api.public if api is not None else None
    trigger.cors = api.cors if api is not None else None
    b.add_trigger(trigger)


def rest_path(b: Build, resource: V[Any] | None) -> str | None:
    """The path of an ``AWS::ApiGateway::Resource`` from its PathPart/ParentId chain."""
    parts: list[str] = []
    current = resource
    for _ in range(MAX_PATH_DEPTH):
        ref = as_ref(current)
        if ref is None:
            return None
        if ref.attribute == "RootResourceId":
            return "/" + "/".join(reversed(parts))
        node = b.nodes.get(ref.target)
        if node is None or b.types.get(ref.target) != "AWS::ApiGateway::Resource":
            return None
        properties = node.map("Properties")
        if properties is None:
            return None
        props = b.props(properties)
        part = props.text("PathPart")
        if part is None:
            return None
        parts.append(part)
        current = props.value("ParentId")
    return None


def load_stage(b: Build, item: Item) -> None:
    p = item.props
    api = rest_api_of(b, p)
    name = p.text("StageName") or item.id
    stage = rest_stage(name, item.loc, p)
    if api is not None:
        add_stage(b, api, item.id, stage)


def load_deployment(b: Build, item: Item) -> None:
    """A Deployment with ``StageName`` creates that stage (``StageDescription`` settings)."""
    p = item.props
    name = p.text("StageName")
    api = rest_api_of(b, p)
    if name is None or api is None:
        return
    description = p.map("StageDescription") or p
    add_stage(b, api, item.id, rest_stage(name, p.key_loc("StageName"), description))


def load_usage_plan(b: Build, item: Item) -> None:
    p = item.props
    limit = throttle(p.map("Throttle"), "BurstLimit", "RateLimit")
    for stage in p.maps("ApiStages"):
        api = rest_api_of(b, stage, "ApiId")
        if api is not None and limit is not None:
            api.usage_plan_throttle = limit


def load_domain(b: Build, item: Item) -> None:
    """``AWS::ApiGateway::DomainName`` / ``AWS::ApiGatewayV2::DomainName``: tls_policy."""
    p = item.props
    resource = b.add_resource(item, ResourceKind.DOMAIN, "DomainName")
    resource.tls_policy = p.str("SecurityPolicy")
    for config in p.maps("DomainNameConfigurations"):
        resource.tls_policy = config.str("SecurityPolicy") or resource.tls_policy


__all__ = [
    "load_authorizer",
    "load_deployment",
    "load_domain",
    "load_method",
    "load_rest_api",
    "load_stage",
    "load_usage_plan",
    "rest_api_of",
    "rest_path",
]
