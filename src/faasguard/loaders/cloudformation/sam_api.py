"""``AWS::Serverless::Api`` and ``AWS::Serverless::HttpApi``, and the implicit APIs SAM makes
(``ServerlessRestApi``, ``ServerlessHttpApi``) for events without an explicit API, with
``Globals`` applied."""

from __future__ import annotations

from faasguard.core.location import Location
from faasguard.loaders.cloudformation.build import Build, Item, Props
from faasguard.loaders.cloudformation.http import (
    add_stage,
    default_auth,
    http_stage,
    rest_stage,
    sam_http_cors,
    sam_rest_cors,
    throttle,
)
from faasguard.loaders.nodes import MapNode
from faasguard.model.app import (
    Api,
    ApiKind,
    Auth,
    AuthKind,
    Authorizer,
    Principal,
    Resource,
    ResourceKind,
    Statement,
)
from faasguard.model.values import V

IMPLICIT_REST = "ServerlessRestApi"
IMPLICIT_HTTP = "ServerlessHttpApi"
INVOKE = "execute-api:Invoke"
_POLICY_LISTS = {
    # SAM ResourcePolicy list -> (effect, condition operator, condition key or None)
    "AwsAccountWhitelist": ("Allow", "", None),
    "AwsAccountBlacklist": ("Deny", "", None),
    "IpRangeWhitelist": ("Allow", "IpAddress", "aws:SourceIp"),
    "IpRangeBlacklist": ("Deny", "IpAddress", "aws:SourceIp"),
    "SourceVpcWhitelist": ("Allow", "StringEquals", "aws:SourceVpc"),
    "SourceVpcBlacklist": ("Deny", "StringEquals", "aws:SourceVpc"),
    "IntrinsicVpcWhitelist": ("Allow", "StringEquals", "aws:SourceVpc"),
    "IntrinsicVpcBlacklist": ("Deny", "StringEquals", "aws:SourceVpc"),
    "IntrinsicVpceWhitelist": ("Allow", "StringEquals", "aws:SourceVpce"),
    "IntrinsicVpceBlacklist": ("Deny", "StringEquals", "aws:SourceVpce"),
}


def load_sam_rest_api(b: Build, item: Item) -> None:
    api = Api(item.id, ApiKind.REST, item.loc, raw=item.node)
    b.app.apis[item.id] = api
    rest_settings(b, api, item.props, None)


def load_sam_http_api(b: Build, item: Item) -> None:
    api = Api(item.id, ApiKind.HTTP, item.loc, raw=item.node)
    b.app.apis[item.id] = api
    http_settings(b, api, item.props)


def implicit_api(b: Build, kind: ApiKind, at: Location) -> Api:
    """The API SAM creates for events without RestApiId/ApiId, made on first use."""
    api_id = IMPLICIT_REST if kind is ApiKind.REST else IMPLICIT_HTTP
    existing = b.app.apis.get(api_id)
    if existing is not None:
        return existing
    api = Api(api_id, kind, at)
    b.app.apis[api_id] = api
    section = b.globals.map("Api" if kind is ApiKind.REST else "HttpApi") if b.globals else None
    props = b.props(section if section is not None else MapNode(at))
    if kind is ApiKind.REST:
        rest_settings(b, api, props, "Prod")
    else:
        http_settings(b, api, props)
    return api


def rest_settings(b: Build, api: Api, p: Props, default_stage: str | None) -> None:
    api.name = p.str("Name")
    api.endpoint_type = _endpoint(p)
    api.disable_default_endpoint = p.bool("DisableExecuteApiEndpoint")
    api.cors = sam_rest_cors(b, p, "Cors")
    name = p.text("StageName") or default_stage
    stage_at = p.key_loc("StageName") if p.has("StageName") else api.loc
    add_stage(b, api, f"{api.id}{name}Stage", rest_stage(name or "?", stage_at, p))
    auth = p.map("Auth")
    if auth is not None:
        _rest_auth(b, api, auth)
    _domain(b, api, p, "AWS::ApiGateway::DomainName")


def _rest_auth(b: Build, api: Api, auth: Props) -> None:
    for name, key_loc, node in auth.entries("Authorizers"):
        kind = AuthKind.UNKNOWN
        if isinstance(node, MapNode):
            kind = AuthKind.COGNITO if "UserPoolArn" in node else kind
            kind = AuthKind.LAMBDA if "FunctionArn" in node else kind
        api.authorizers[name] = Authorizer(name, kind, key_loc)
    _default_authorizer(b, api, auth)
    api.api_key_required = _flag(auth, "ApiKeyRequired")
    preflight = auth.bool("AddDefaultAuthorizerToCorsPreflight")
    b.preflight_auth[api.id] = preflight is None or preflight.value is not False
    policy = auth.map("ResourcePolicy")
    if policy is not None:
        api.policy.extend(resource_policy(b, policy, f"ResourcePolicy of {api.id}"))
    usage = auth.map("UsagePlan")
    if usage is not None and usage.text("CreateUsagePlan") != "NONE":
        api.usage_plan_throttle = throttle(usage.map("Throttle"), "BurstLimit", "RateLimit")


def http_settings(b: Build, api: Api, p: Props) -> None:
    api.name = p.str("Name")
    api.disable_default_endpoint = p.bool("DisableExecuteApiEndpoint")
    api.cors = sam_http_cors(b, p, "CorsConfiguration")
    name = p.text("StageName") or "$default"
    stage_at = p.key_loc("StageName") if p.has("StageName") else api.loc
    stage_id = f"{api.id}ApiGatewayDefaultStage" if name == "$default" else f"{api.id}{name}Stage"
    add_stage(b, api, stage_id, http_stage(name, stage_at, p))
    auth = p.map("Auth")
    if auth is not None:
        for name, key_loc, node in auth.entries("Authorizers"):
            kind = AuthKind.UNKNOWN
            if isinstance(node, MapNode):
                kind = AuthKind.JWT if "JwtConfiguration" in node else kind
                kind = AuthKind.LAMBDA if "FunctionArn" in node else kind
            api.authorizers[name] = Authorizer(name, kind, key_loc)
        if _flag(auth, "EnableIamAuthorizer"):
            api.authorizers["AWS_IAM"] = Authorizer(
                "AWS_IAM", AuthKind.IAM, auth.key_loc("EnableIamAuthorizer")
            )
        _default_authorizer(b, api, auth)
    _domain(b, api, p, "AWS::ApiGatewayV2::DomainName")


def _default_authorizer(b: Build, api: Api, auth: Props) -> None:
    default = auth.str("DefaultAuthorizer")
    if default is not None:
        api.default_auth = named_auth(b, api, default, [])


def named_auth(b: Build, api: Api | None, value: V[str], scopes: list[V[str]]) -> Auth:
    """The auth an ``Authorizer``/``DefaultAuthorizer`` value names."""
    name = value.value if isinstance(value.value, str) else None
    if name is None:
        return default_auth(AuthKind.UNKNOWN, value.loc, None, scopes)
    if name == "NONE":
        return default_auth(AuthKind.NONE, value.loc, None, [])
    if name == "AWS_IAM":
        return default_auth(AuthKind.IAM, value.loc, name, scopes)
    authorizer = api.authorizers.get(name) if api is not None else None
    if authorizer is None:
        if api is not None:
            b.report(f"authorizer {name!r} is not defined on {api.id}", value.loc)
        return default_auth(AuthKind.UNKNOWN, value.loc, name, scopes)
    return default_auth(authorizer.kind, value.loc, name, scopes)


def _flag(p: Props, key: str) -> bool:
    value = p.bool(key)
    return value is not None and value.value is True


def _endpoint(p: Props) -> V[str] | None:
    block = p.map("EndpointConfiguration") if p.is_map("EndpointConfiguration") else None
    if block is not None:
        return block.str("Type")
    return p.str("EndpointConfiguration")


def _domain(b: Build, api: Api, p: Props, type_: str) -> None:
    domain = p.map("Domain")
    if domain is None:
        return
    resource = Resource(f"{api.id}Domain", type_, ResourceKind.DOMAIN, p.key_loc("Domain"))
    resource.name = domain.str("DomainName")
    resource.tls_policy = domain.str("SecurityPolicy")
    resource.extra["api"] = api.id
    resource.raw = domain.node
    b.app.resources[resource.id] = resource


def resource_policy(b: Build, p: Props, origin: str) -> list[Statement]:
    """SAM's ``Auth.ResourcePolicy`` as statements: CustomStatements as written, each
    allow/deny list as one statement on ``execute-api:Invoke``."""
    statements: list[Statement] = []
    custom = p.get("CustomStatements")
    if custom is not None:
        statements.extend(b.statements(custom, origin))
    for key, (effect, operator, condition_key) in _POLICY_LISTS.items():
        values = p.strs(key)
        if not values:
            continue
        at = p.key_loc(key)
        statement = Statement(at, V(effect, at), f"{origin} {key}")
        statement.actions = [V(INVOKE, at)]
        statement.resources = [V("execute-api:/*", at)]
        if condition_key is None:
            statement.principals = [Principal("AWS", value) for value in values]
        else:
            statement.principals = [Principal("*", V("*", at))]
            statement.conditions = {operator: {condition_key: values}}
        statements.append(statement)
    return statements


__all__ = [
    "IMPLICIT_HTTP",
    "IMPLICIT_REST",
    "implicit_api",
    "load_sam_http_api",
    "load_sam_rest_api",
    "named_auth",
    "resource_policy",
]
