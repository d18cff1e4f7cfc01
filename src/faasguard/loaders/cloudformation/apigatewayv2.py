"""API Gateway HTTP and WebSocket APIs written as plain CloudFormation: Api (with quick-create
``Target``), Route (one trigger each, its target found through the Integration), Stage."""

from __future__ import annotations

from faasguard.loaders.cloudformation.build import Build, Item, Props
from faasguard.loaders.cloudformation.http import (
    METHOD_AUTH,
    add_stage,
    auth_kind,
    cors,
    http_stage,
    with_api_key,
)
from faasguard.model.app import Api, ApiKind, Auth, AuthKind, Trigger, TriggerKind

INTEGRATION = "AWS::ApiGatewayV2::Integration"


def load_api(b: Build, item: Item) -> None:
    p = item.props
    protocol = (p.text("ProtocolType") or "HTTP").upper()
    kind = ApiKind.WEBSOCKET if protocol == "WEBSOCKET" else ApiKind.HTTP
    api = Api(item.id, kind, item.loc, raw=item.node)
    api.name = p.str("Name")
    api.disable_default_endpoint = p.bool("DisableExecuteApiEndpoint")
    block = p.map("CorsConfiguration")
    api.cors = cors(block, "AllowOrigins", "AllowCredentials") if block is not None else None
    b.app.apis[item.id] = api


def load_quick_create(b: Build, item: Item) -> None:
    """``Target`` on the Api itself creates a ``$default`` route without authorization."""
    p = item.props
    api = b.app.apis.get(item.id)
    if api is None or not p.has("Target"):
        return
    function = b.function_of(p.value("Target"))
    route_key = p.text("RouteKey") or "$default"
    method, path = split_route_key(route_key)
    auth = Auth(AuthKind.NONE, p.key_loc("Target"))
    trigger = Trigger(TriggerKind.HTTP_API, item.loc, item.id, function, api.id, method, path)
    trigger.auth = auth
    trigger.public = api.public
    trigger.cors = api.cors
    b.add_trigger(trigger)


def split_route_key(route_key: str) -> tuple[str | None, str]:
    """``GET /orders`` -> (GET, /orders); ``$default`` -> (ANY, $default); ``$connect`` ->
    (None, $connect)."""
    if " " in route_key:
        method, path = route_key.split(" ", 1)
        return method.upper(), path.strip()
    if route_key == "$default":
        return "ANY", route_key
    return None, route_key


def load_route(b: Build, item: Item) -> None:
    p = item.props
    api = b.app.apis.get(b.target(p.value("ApiId"), b.app.apis) or "")
    route_key = p.text("RouteKey")
    method, path = split_route_key(route_key) if route_key else (None, None)
    auth_type = p.str("AuthorizationType")
    authorizer = b.target(p.value("AuthorizerId"), api.authorizers) if api is not None else None
    scopes = tuple(s.value for s in p.strs("AuthorizationScopes") if isinstance(s.value, str))
    at = auth_type.loc if auth_type is not None else item.loc
    auth = Auth(auth_kind(auth_type, METHOD_AUTH), at, authorizer, scopes=scopes)
    key = p.bool("ApiKeyRequired")
    with_api_key(auth, key is not None and key.value is True)
    websocket = api is not None and api.kind is ApiKind.WEBSOCKET
    kind = TriggerKind.WEBSOCKET if websocket else TriggerKind.HTTP_API
    trigger = Trigger(kind, item.loc, item.id, _route_function(b, p), auth=auth, raw=item.node)
    trigger.api = api.id if api is not None else None
    trigger.method, trigger.path = method, path
    trigger.public = api.public if api is not None else None
    trigger.cors = api.cors if api is not None else None
    b.add_trigger(trigger)


def _route_function(b: Build, p: Props) -> str | None:
    """``Target: integrations/<Integration>`` -> the Integration's IntegrationUri function."""
    target = p.value("Target")
    for ref in b.refs(target):
        if b.types.get(ref) != INTEGRATION:
            continue
        node = b.nodes[ref].map("Properties")
        if node is not None:
            return b.function_of(b.props(node).value("IntegrationUri"))
    return b.function_of(target)


def load_stage(b: Build, item: Item) -> None:
    p = item.props
    api = b.app.apis.get(b.target(p.value("ApiId"), b.app.apis) or "")
    if api is not None:
        add_stage(b, api, item.id, http_stage(p.text("StageName") or item.id, item.loc, p))


__all__ = ["load_api", "load_quick_create", "load_route", "load_stage", "split_route_key"]
