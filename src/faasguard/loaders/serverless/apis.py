"""The API Gateway APIs the framework creates: `ApiGatewayRestApi` for `http` events,
`HttpApi` for `httpApi` events, `WebsocketsApi` for `websocket` events.

Each is created on first use from the provider settings (``provider.apiGateway``,
``provider.httpApi``, ``provider.endpointType``, ``provider.logs``, ``provider.tracing``). An
API the service only attaches to (``provider.apiGateway.restApiId``, ``provider.httpApi.id``) is
not part of the app: its routes get ``api=None``.
"""

from __future__ import annotations

from typing import Any

from faasguard.core.location import Location
from faasguard.loaders.nodes import MapNode, Node, ScalarNode
from faasguard.loaders.policy import statements_from_list
from faasguard.loaders.serverless import naming
from faasguard.loaders.serverless.generated import resource
from faasguard.loaders.serverless.reader import Cfg
from faasguard.loaders.serverless.state import Load
from faasguard.model.app import (
    Api,
    ApiKind,
    AuthKind,
    Authorizer,
    Cors,
    ResourceKind,
    Stage,
    Throttle,
)
from faasguard.model.values import Ref, V


def rest_api(load: Load) -> Api | None:
    api = load.app.apis.get(naming.REST_API)
    if api is not None:
        return api
    gateway = load.provider.map("apiGateway")
    if gateway is not None and gateway.has("restApiId"):
        return None
    api = Api(naming.REST_API, ApiKind.REST, _api_loc(load, "apiGateway"))
    api.raw = gateway.node if gateway is not None else None
    api.name = load.provider.str("apiName")
    api.endpoint_type = load.provider.str("endpointType")
    if gateway is not None:
        api.disable_default_endpoint = gateway.bool("disableDefaultEndpoint")
        api.usage_plan_throttle = _usage_plan_throttle(gateway)
    policy = _first(load.provider, ("apiGateway", "resourcePolicy"), ("resourcePolicy",))
    if policy is not None:
        origin = "serverless provider.apiGateway.resourcePolicy"
        api.policy = statements_from_list(policy, origin, load.resolve)
    api.stages.append(_rest_stage(load, api))
    load.app.apis[api.id] = api
    return api


def http_api(load: Load) -> Api | None:
    api = load.app.apis.get(naming.HTTP_API)
    if api is not None:
        return api
    settings = load.provider.map("httpApi")
    if settings is not None and settings.has("id"):
        return None
    api = Api(naming.HTTP_API, ApiKind.HTTP, _api_loc(load, "httpApi"))
    if settings is not None:
        api.raw = settings.node
        api.name = settings.str("name")
        api.disable_default_endpoint = settings.bool("disableDefaultApiEndpoint")
        api.cors = http_api_cors(settings)
        for name, at, node in settings.entries("authorizers"):
            api.authorizers[name] = Authorizer(name, http_authorizer_kind(load, node), at)
    stage = Stage("$default", api.loc)
    logs = _logs(load, "httpApi")
    if logs is not None:
        stage.loc = logs
        stage.access_log = _log_group(load, naming.HTTP_LOG_GROUP, "/aws/http-api", logs)
    api.stages.append(stage)
    load.app.apis[api.id] = api
    return api


def websocket_api(load: Load) -> Api:
    api = load.app.apis.get(naming.WEBSOCKET_API)
    if api is not None:
        return api
    api = Api(naming.WEBSOCKET_API, ApiKind.WEBSOCKET, _api_loc(load, "websocketsApiName"))
    api.name = load.provider.str("websocketsApiName")
    stage = Stage(_stage_name(load), api.loc)
    logs = _logs(load, "websocket")
    if logs is not None:
        stage.loc = logs
        settings = _log_settings(load, "websocket")
        if (
            settings is None
            or settings.bool("accessLogging") is None
            or settings.flag("accessLogging")
        ):
            stage.access_log = _log_group(load, naming.WEBSOCKET_LOG_GROUP, "/aws/websocket", logs)
        stage.execution_logging = _execution_logging(settings, logs)
    api.stages.append(stage)
    load.app.apis[api.id] = api
    return api


def http_authorizer_kind(load: Load, node: object) -> AuthKind:
    """The kind of one `provider.httpApi.authorizers` entry (`type: jwt` is the default)."""
    if not isinstance(node, MapNode):
        return AuthKind.UNKNOWN
    kind = load.cfg(node).value("type")
    if kind is None:
        return AuthKind.JWT
    if not kind.known:
        return AuthKind.UNKNOWN
    return {"jwt": AuthKind.JWT, "request": AuthKind.LAMBDA}.get(
        str(kind.value).lower(), AuthKind.UNKNOWN
    )


def http_api_cors(settings: Cfg) -> Cors | None:
    node = settings.get("cors")
    if node is None:
        return None
    at = settings.key_loc("cors")
    if isinstance(node, MapNode):
        cors = settings.sub(node)
        origins = cors.strs("allowedOrigins") or [V("*", at)]
        return Cors(at, origins, cors.bool("allowCredentials"))
    value = settings.bool("cors")
    if value is not None and value.value is True:
        return Cors(at, [V("*", value.loc)])
    return None


# -- stages ----------------------------------------------------------------------------------


def _rest_stage(load: Load, api: Api) -> Stage:
    stage = Stage(_stage_name(load), api.loc)
    tracing = load.provider.map("tracing")
    if tracing is not None:
        stage.tracing = tracing.bool("apiGateway")
    logs = _logs(load, "restApi")
    if logs is None:
        return stage
    stage.loc = logs
    settings = _log_settings(load, "restApi")
    if settings is None or settings.bool("accessLogging") is None or settings.flag("accessLogging"):
        stage.access_log = _log_group(load, naming.REST_LOG_GROUP, "/aws/api-gateway", logs)
    stage.execution_logging = _execution_logging(settings, logs)
    return stage


def _execution_logging(settings: Cfg | None, at: Location) -> V[str]:
    if settings is None:
        return V("INFO", at)
    enabled = settings.bool("executionLogging")
    if enabled is not None and enabled.value is False:
        return V("OFF", enabled.loc)
    return settings.str("level") or V("INFO", at)


def _logs(load: Load, key: str) -> Location | None:
    """Where `provider.logs.<key>` turns API logs on, or None when they are off."""
    logs = load.provider.map("logs")
    node = logs.get(key) if logs is not None else None
    if logs is None or node is None:
        return None
    if isinstance(node, MapNode):
        return logs.key_loc(key)
    value = logs.bool(key)
    if value is not None and value.value is False:
        return None
    return logs.key_loc(key)


def _log_settings(load: Load, key: str) -> Cfg | None:
    logs = load.provider.map("logs")
    node = logs.get(key) if logs is not None else None
    return load.cfg(node) if isinstance(node, MapNode) else None


def _log_group(load: Load, group_id: str, prefix: str, at: Location) -> V[Any]:
    if group_id not in load.app.resources:
        group = resource(load, group_id, "AWS::Logs::LogGroup", ResourceKind.LOG_GROUP, at)
        if load.service:
            group.name = V(f"{prefix}/{load.service}-{_stage_name(load)}", at)
        group.retention_days = load.defaults.log_retention
    return V(Ref(group_id, "Arn"), at)


def _stage_name(load: Load) -> str:
    return load.stage or "${sls:stage}"


# -- helpers -----------------------------------------------------------------------------------


def _api_loc(load: Load, key: str) -> Location:
    if load.provider.has(key):
        return load.provider.key_loc(key)
    return load.provider_loc()


def _usage_plan_throttle(gateway: Cfg) -> Throttle | None:
    node = gateway.get("usagePlan")
    plans = [node] if isinstance(node, MapNode) else list(gateway.items("usagePlan"))
    for plan in plans:
        if not isinstance(plan, MapNode):
            continue
        settings = gateway.sub(plan)
        if not settings.has("throttle") and len(plan) == 1:  # a list item {name: {...}}
            inner = next(iter(plan.entries.values()))
            settings = gateway.sub(inner) if isinstance(inner, MapNode) else settings
        throttle = settings.map("throttle")
        if throttle is not None:
            return Throttle(throttle.loc, throttle.int("burstLimit"), throttle.float("rateLimit"))
    return None


def _first(cfg: Cfg, *paths: tuple[str, ...]) -> Node | None:
    for path in paths:
        current: Node | None = cfg.node
        for key in path:
            current = current.get(key) if isinstance(current, MapNode) else None
        if current is not None and not (isinstance(current, ScalarNode) and current.value is None):
            return current
    return None


__all__ = [
    "http_api",
    "http_api_cors",
    "http_authorizer_kind",
    "rest_api",
    "websocket_api",
]
