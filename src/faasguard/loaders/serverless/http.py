"""HTTP entry points: `http` (REST API), `httpApi`, `websocket`, `alb` events and `url`.

Each becomes a :class:`Trigger` with its `auth`: `AuthKind.NONE` located at the event when no
authorizer is set (that is where one must be added), else the authorizer's kind located at the
`authorizer` setting. `private: true` without an authorizer is `AuthKind.API_KEY`. WebSocket
routes other than `$connect` take the auth of the `$connect` route, since the connection is
authorized once; without a `$connect` route they are open.
"""

from __future__ import annotations

from faasguard.core.location import Location
from faasguard.loaders.nodes import MapNode
from faasguard.loaders.serverless.apis import (
    http_api,
    http_api_cors,
    rest_api,
    websocket_api,
)
from faasguard.loaders.serverless.auth import alb_auth, http_api_auth, rest_auth, websocket_auth
from faasguard.loaders.serverless.generated import api_permission, permission
from faasguard.loaders.serverless.reader import Cfg, is_opaque
from faasguard.loaders.serverless.state import Event, Load
from faasguard.model.app import (
    Api,
    Auth,
    AuthKind,
    Cors,
    Function,
    FunctionUrl,
    Trigger,
    TriggerKind,
)
from faasguard.model.values import Unresolved, V


def http_event(load: Load, fn: Function, event: Event) -> Trigger:
    api = rest_api(load)
    cfg = _settings(load, event)
    method, path = _route(load, event, cfg)
    trigger = _trigger(TriggerKind.REST_API, fn, event, api, method, path)
    trigger.public = api.public if api is not None else None
    trigger.auth = rest_auth(load, api, cfg, event.at)
    trigger.cors = _rest_cors(cfg)
    api_permission(load, fn, api.id if api else None, "ApiGateway", event.at)
    return trigger


def http_api_event(load: Load, fn: Function, event: Event) -> Trigger:
    api = http_api(load)
    cfg = _settings(load, event)
    method, path = _route(load, event, cfg)
    trigger = _trigger(TriggerKind.HTTP_API, fn, event, api, method, path)
    trigger.public = True  # HTTP APIs have no private endpoint type
    trigger.auth = http_api_auth(load, api, cfg, event.at)
    trigger.cors = api.cors if api is not None else None
    api_permission(load, fn, api.id if api else None, "HttpApi", event.at)
    return trigger


def websocket_event(load: Load, fn: Function, event: Event) -> Trigger:
    api = websocket_api(load)
    cfg = _settings(load, event)
    route = cfg.str("route") if cfg is not None else load.value(event.node)
    path = route.value if route is not None and isinstance(route.value, str) else None
    trigger = _trigger(TriggerKind.WEBSOCKET, fn, event, api, None, path)
    trigger.public = True
    if path == "$connect":
        trigger.auth = websocket_auth(load, cfg, event.at)
        load.websocket_connect[api.id] = trigger.auth
    else:
        load.websocket_routes.append(trigger)
    api_permission(load, fn, api.id, "Websockets", event.at)
    return trigger


def finish_websockets(load: Load) -> None:
    """Routes other than `$connect` are authorized by the connection's `$connect` route."""
    for trigger in load.websocket_routes:
        connect = load.websocket_connect.get(trigger.api or "")
        if connect is None:
            trigger.auth = Auth(AuthKind.NONE, trigger.loc)
        else:
            trigger.auth = Auth(
                connect.kind, connect.loc, connect.authorizer, scopes=connect.scopes
            )


def alb_event(load: Load, fn: Function, event: Event) -> Trigger:
    """ALB listener rules; `public` is settled once the resources are loaded (the scheme of
    the load balancer), and `source` holds the listener ARN for that."""
    cfg = _settings(load, event)
    trigger = _trigger(TriggerKind.ALB, fn, event, None, None, None)
    if cfg is None:
        load.report("an alb event needs listenerArn, priority and conditions", event.node.loc)
        trigger.auth = Auth(AuthKind.UNKNOWN, event.at)
        return trigger
    conditions = cfg.map("conditions")
    if conditions is not None:
        trigger.method = _first_text(conditions.strs("method"))
        trigger.path = _first_text(conditions.strs("path"))
    trigger.source = cfg.str("listenerArn")
    trigger.auth = alb_auth(load, cfg, event.at)
    arn = Unresolved("${" + fn.id + "AlbTargetGroup}", (), "built at deploy time")
    permission(
        load, fn, "RegisterTarget", "elasticloadbalancing.amazonaws.com", event.at, V(arn, event.at)
    )
    return trigger


def function_url(load: Load, fn: Function, cfg: Cfg) -> None:
    """`url: true` or `url: {authorizer: aws_iam, cors: ..., invokeMode: ...}`."""
    node = cfg.get("url")
    if node is None:
        return
    at = cfg.key_loc("url")
    cors: Cors | None = None
    invoke_mode: V[str] | None = None
    if isinstance(node, MapNode) and not is_opaque(node):
        settings = cfg.sub(node)
        auth_type = _url_auth_type(settings, at)
        cors = _url_cors(settings)
        invoke_mode = settings.str("invokeMode")
    else:
        value = cfg.value("url")
        if value is not None and value.known and str(value.value).lower() == "false":
            return
        auth_type = V("NONE", at) if value is None or value.known else value
    fn.url = FunctionUrl(at, auth_type, cors, invoke_mode)
    kind = _url_auth_kind(auth_type)
    trigger = Trigger(TriggerKind.FUNCTION_URL, at, f"{fn.name}.url", function=fn.id, raw=fn.raw)
    trigger.auth = Auth(kind, auth_type.loc)
    trigger.public = True
    trigger.cors = cors
    fn.triggers.append(trigger)
    load.app.triggers.append(trigger)
    if kind is AuthKind.NONE:  # the framework makes the URL callable by anyone
        granted = permission(load, fn, "FnUrl", "*", at)
        granted.action = V("lambda:InvokeFunctionUrl", at)
        granted.function_url_auth_type = auth_type


# -- shapes ----------------------------------------------------------------------------------


def _settings(load: Load, event: Event) -> Cfg | None:
    node = event.node
    if isinstance(node, MapNode) and not is_opaque(node):
        return load.cfg(node)
    return None


def _route(load: Load, event: Event, cfg: Cfg | None) -> tuple[str | None, str | None]:
    if cfg is not None:
        method, path = cfg.text("method"), cfg.text("path")
    else:
        value = load.value(event.node)
        if not isinstance(value.value, str):
            return None, None
        text = value.value.strip()
        if text == "*":
            return "ANY", "*"
        method, _, path = text.partition(" ")
        path = path.strip() or None
    if method is not None:
        method = "ANY" if method in ("*", "any") else method.upper()
    if path is not None and path != "*" and not path.startswith("/"):
        path = "/" + path
    return method, path


def _trigger(
    kind: TriggerKind,
    fn: Function,
    event: Event,
    api: Api | None,
    method: str | None,
    path: str | None,
) -> Trigger:
    raw = event.node if isinstance(event.node, MapNode) else None
    api_id = api.id if api is not None else None
    return Trigger(kind, event.at, event.name, fn.id, api_id, method, path, raw=raw)


def _rest_cors(cfg: Cfg | None) -> Cors | None:
    node = cfg.get("cors") if cfg is not None else None
    if cfg is None or node is None:
        return None
    at = cfg.key_loc("cors")
    if isinstance(node, MapNode) and not is_opaque(node):
        settings = cfg.sub(node)
        origins = settings.strs("origins") or settings.strs("origin") or [V("*", at)]
        return Cors(at, origins, settings.bool("allowCredentials"))
    enabled = cfg.bool("cors")
    if enabled is not None and enabled.value is True:
        return Cors(at, [V("*", enabled.loc)])
    return None


def _url_cors(settings: Cfg) -> Cors | None:
    node = settings.get("cors")
    if node is None:
        return None
    at = settings.key_loc("cors")
    if isinstance(node, MapNode) and not is_opaque(node):
        cors = settings.sub(node)
        origins = cors.strs("allowedOrigins") or [V("*", at)]
        return Cors(at, origins, cors.bool("allowCredentials"))
    return http_api_cors(settings)


def _url_auth_type(settings: Cfg, at: Location) -> V[str]:
    authorizer = settings.value("authorizer")
    if authorizer is None:
        return V("NONE", at)
    if not authorizer.known:
        return authorizer
    if str(authorizer.value).lower() == "aws_iam":
        return V("AWS_IAM", authorizer.loc)
    load_report = settings.ctx.report
    load_report(f"url authorizer must be aws_iam, found {authorizer.value!r}", authorizer.loc)
    return V(Unresolved(str(authorizer.value), (), "not a valid authorizer"), authorizer.loc)


def _url_auth_kind(auth_type: V[str]) -> AuthKind:
    if auth_type.is_("AWS_IAM"):
        return AuthKind.IAM
    if auth_type.is_("NONE"):
        return AuthKind.NONE
    return AuthKind.UNKNOWN


def _first_text(values: list[V[str]]) -> str | None:
    texts = [v.value for v in values if isinstance(v.value, str)]
    return ",".join(texts) if texts else None


__all__ = [
    "alb_event",
    "finish_websockets",
    "function_url",
    "http_api_event",
    "http_event",
    "websocket_event",
]
