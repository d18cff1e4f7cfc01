"""Pieces shared by the HTTP front doors: CORS, throttling, authorization kinds, stages."""

from __future__ import annotations

from typing import Any

from faasguard.core.location import Location
from faasguard.loaders.cloudformation.build import Build, Props
from faasguard.model.app import Api, Auth, AuthKind, Cors, Stage, Throttle
from faasguard.model.values import V

# AuthorizationType of AWS::ApiGateway::Method / AWS::ApiGatewayV2::Route.
METHOD_AUTH = {
    "NONE": AuthKind.NONE,
    "AWS_IAM": AuthKind.IAM,
    "CUSTOM": AuthKind.LAMBDA,
    "COGNITO_USER_POOLS": AuthKind.COGNITO,
    "JWT": AuthKind.JWT,
}
# Type of AWS::ApiGateway::Authorizer, AuthorizerType of AWS::ApiGatewayV2::Authorizer.
AUTHORIZER_KINDS = {
    "TOKEN": AuthKind.LAMBDA,
    "REQUEST": AuthKind.LAMBDA,
    "COGNITO_USER_POOLS": AuthKind.COGNITO,
    "JWT": AuthKind.JWT,
}


def auth_kind(value: V[Any] | None, table: dict[str, AuthKind]) -> AuthKind:
    if value is None:
        return AuthKind.NONE
    if not value.known or not isinstance(value.value, str):
        return AuthKind.UNKNOWN
    return table.get(value.value.upper(), AuthKind.UNKNOWN)


def cors(p: Props, origins: str, credentials: str) -> Cors:
    """A CORS block with a list of origins (Lambda URL, HTTP API)."""
    return Cors(p.loc, [_unquote(v) for v in p.strs(origins)], p.bool(credentials))


def sam_rest_cors(b: Build, p: Props, key: str) -> Cors | None:
    """``Cors`` of AWS::Serverless::Api: a quoted origin string, or a map with AllowOrigin."""
    node = p.get(key)
    if node is None:
        return None
    block = p.map(key) if p.is_map(key) else None
    if block is None:
        origin = p.str(key)
        return Cors(node.loc, [_unquote(origin)] if origin is not None else [])
    origin = block.str("AllowOrigin")
    origins = [_unquote(origin)] if origin is not None else []
    return Cors(block.loc, origins, block.bool("AllowCredentials"))


def sam_http_cors(b: Build, p: Props, key: str) -> Cors | None:
    """``CorsConfiguration`` of AWS::Serverless::HttpApi: ``true`` (every origin) or a map."""
    node = p.get(key)
    if node is None:
        return None
    if not p.is_map(key):
        flag = p.bool(key)
        if flag is not None and flag.value is True:
            return Cors(node.loc, [V("*", flag.loc)])
        return None
    block = p.map(key)
    return cors(block, "AllowOrigins", "AllowCredentials") if block is not None else None


def _unquote(value: V[str]) -> V[str]:
    text = value.value
    if isinstance(text, str) and len(text) >= 2 and text[0] == text[-1] == "'":
        return V(text[1:-1], value.loc)
    return value


def throttle(p: Props | None, burst: str, rate: str) -> Throttle | None:
    if p is None or not (p.has(burst) or p.has(rate)):
        return None
    return Throttle(p.loc, p.int(burst), p.float(rate))


def rest_stage(name: str, at: Location, p: Props) -> Stage:
    """A REST stage from Stage/StageDescription/SAM Api properties."""
    stage = Stage(name, at)
    access = p.map("AccessLogSetting")
    stage.access_log = access.str("DestinationArn") if access is not None else None
    stage.tracing = p.bool("TracingEnabled")
    if p.has("LoggingLevel"):  # Deployment StageDescription
        stage.execution_logging = p.str("LoggingLevel")
    stage.throttle = throttle(p, "ThrottlingBurstLimit", "ThrottlingRateLimit")
    for setting in p.maps("MethodSettings"):
        apply_method_setting(stage, setting)
    return stage


def apply_method_setting(stage: Stage, setting: Props) -> None:
    """Stage-wide values come from the ``/*`` + ``*`` entry (or a single entry without path)."""
    path, method = setting.text("ResourcePath"), setting.text("HttpMethod")
    if path not in (None, "/*") or method not in (None, "*"):
        return
    if setting.has("LoggingLevel"):
        stage.execution_logging = setting.str("LoggingLevel")
    found = throttle(setting, "ThrottlingBurstLimit", "ThrottlingRateLimit")
    if found is not None:
        stage.throttle = found


def http_stage(name: str, at: Location, p: Props) -> Stage:
    """An HTTP/WebSocket API stage (AccessLogSettings, DefaultRouteSettings)."""
    stage = Stage(name, at)
    access = p.map("AccessLogSettings")
    stage.access_log = access.str("DestinationArn") if access is not None else None
    defaults = p.map("DefaultRouteSettings")
    if defaults is not None:
        stage.throttle = throttle(defaults, "ThrottlingBurstLimit", "ThrottlingRateLimit")
        stage.execution_logging = defaults.str("LoggingLevel")
    return stage


def default_auth(kind: AuthKind, at: Location, name: str | None, scopes: list[V[str]]) -> Auth:
    texts = tuple(s.value for s in scopes if isinstance(s.value, str))
    return Auth(kind, at, authorizer=name, scopes=texts)


def with_api_key(auth: Auth, required: bool) -> Auth:
    """An API key is only an identifier: with no authenticating authorizer it is the kind."""
    auth.api_key_required = required
    if required and auth.kind is AuthKind.NONE:
        auth.kind = AuthKind.API_KEY
    return auth


def add_stage(b: Build, api: Api, stage_id: str, stage: Stage) -> None:
    api.stages.append(stage)
    b.stages[stage_id] = (api.id, stage)


__all__ = [
    "AUTHORIZER_KINDS",
    "METHOD_AUTH",
    "add_stage",
    "auth_kind",
    "cors",
    "default_auth",
    "http_stage",
    "rest_stage",
    "sam_http_cors",
    "sam_rest_cors",
    "throttle",
    "with_api_key",
]
