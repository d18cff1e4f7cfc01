"""Who may call an HTTP entry point: the `authorizer` (and `private`) settings of `http`,
`httpApi`, `websocket` and `alb` events, as an :class:`~faasguard.model.Auth`.

No authorizer gives `AuthKind.NONE` located at the event (where one must be added); an
authorizer gives its kind located at the `authorizer` setting; `private: true` alone gives
`AuthKind.API_KEY`. An authorizer the file names but does not define is reported and
`AuthKind.UNKNOWN`.
"""

from __future__ import annotations

from faasguard.core.location import Location
from faasguard.loaders.nodes import MapNode, Node
from faasguard.loaders.serverless.apis import http_authorizer_kind
from faasguard.loaders.serverless.reader import Cfg, is_opaque
from faasguard.loaders.serverless.state import Load
from faasguard.model.app import Api, Auth, AuthKind, Authorizer
from faasguard.model.values import Ref, V

_REST_TYPES = {
    "token": AuthKind.LAMBDA,
    "request": AuthKind.LAMBDA,
    "custom": AuthKind.LAMBDA,
    "cognito_user_pools": AuthKind.COGNITO,
    "aws_iam": AuthKind.IAM,
}
_ALB_TYPES = {"cognito": AuthKind.COGNITO, "oidc": AuthKind.JWT}


def rest_auth(load: Load, api: Api | None, cfg: Cfg | None, at: Location) -> Auth:
    if cfg is None:
        return Auth(AuthKind.NONE, at)
    private = cfg.flag("private")
    node = cfg.get("authorizer")
    if node is None:
        if private:
            return Auth(AuthKind.API_KEY, cfg.key_loc("private"), api_key_required=True)
        return Auth(AuthKind.NONE, at)
    loc = cfg.key_loc("authorizer")
    kind, name, scopes = rest_authorizer(load, cfg, node)
    if api is not None and name is not None:
        api.authorizers.setdefault(name, Authorizer(name, kind, loc))
    return Auth(kind, loc, name, api_key_required=private, scopes=scopes)


def rest_authorizer(
    load: Load, cfg: Cfg, node: Node
) -> tuple[AuthKind, str | None, tuple[str, ...]]:
    if isinstance(node, MapNode) and not is_opaque(node):
        settings = cfg.sub(node)
        scopes = tuple(s.value for s in settings.strs("scopes") if isinstance(s.value, str))
        name = settings.text("name")
        arn = settings.value("arn")
        type_ = settings.value("type")
        if type_ is not None:
            kind = _REST_TYPES.get(str(type_.value).lower(), AuthKind.UNKNOWN)
            if not type_.known:
                kind = AuthKind.UNKNOWN
        elif arn is not None:
            kind = arn_kind(load, arn)
        elif name is not None:
            kind = function_authorizer(load, name, settings.loc)
        elif settings.has("authorizerId"):
            kind = AuthKind.LAMBDA  # an existing authorizer; the framework's default type
        else:
            load.report("authorizer needs a name, an arn or a type", settings.loc)
            kind = AuthKind.UNKNOWN
        return kind, name or arn_name(arn), scopes
    value = load.value(node)
    if not value.known:
        return AuthKind.UNKNOWN, None, ()
    text = str(value.value)
    if text.lower() == "aws_iam":
        return AuthKind.IAM, None, ()
    if text.startswith("arn:"):
        return arn_kind(load, value), arn_name(value), ()
    return function_authorizer(load, text, value.loc), text, ()


def http_api_auth(load: Load, api: Api | None, cfg: Cfg | None, at: Location) -> Auth:
    node = cfg.get("authorizer") if cfg is not None else None
    if cfg is None or node is None:
        return Auth(AuthKind.NONE, at)
    loc = cfg.key_loc("authorizer")
    scopes: tuple[str, ...] = ()
    if isinstance(node, MapNode) and not is_opaque(node):
        settings = cfg.sub(node)
        type_ = settings.text("type")
        if type_ is not None and type_.lower() == "aws_iam":
            return Auth(AuthKind.IAM, loc)
        if settings.has("id"):
            return Auth(AuthKind.UNKNOWN, loc, settings.text("id"))
        name = settings.text("name")
        scopes = tuple(s.value for s in settings.strs("scopes") if isinstance(s.value, str))
    else:
        value = load.value(node)
        name = value.value if isinstance(value.value, str) else None
    if name is None:
        return Auth(AuthKind.UNKNOWN, loc)
    return Auth(http_api_authorizer(load, api, name, loc), loc, name, scopes=scopes)


def http_api_authorizer(load: Load, api: Api | None, name: str, at: Location) -> AuthKind:
    if api is not None and name in api.authorizers:
        return api.authorizers[name].kind
    settings = load.provider.map("httpApi")
    authorizers = settings.map("authorizers") if settings is not None else None
    node = authorizers.get(name) if authorizers is not None else None
    if node is None:
        load.report(f"authorizer {name!r} is not defined in provider.httpApi.authorizers", at)
        return AuthKind.UNKNOWN
    return http_authorizer_kind(load, node)


def websocket_auth(load: Load, cfg: Cfg | None, at: Location) -> Auth:
    node = cfg.get("authorizer") if cfg is not None else None
    if cfg is None or node is None:
        return Auth(AuthKind.NONE, at)
    loc = cfg.key_loc("authorizer")
    if isinstance(node, MapNode) and not is_opaque(node):
        settings = cfg.sub(node)
        name = settings.text("name")
        arn = settings.value("arn")
        if arn is not None:
            return Auth(arn_kind(load, arn), loc, name or arn_name(arn))
        if name is None:
            load.report("authorizer needs a name or an arn", settings.loc)
            return Auth(AuthKind.UNKNOWN, loc)
        return Auth(function_authorizer(load, name, settings.loc), loc, name)
    kind, name, _ = rest_authorizer(load, cfg, node)
    return Auth(kind, loc, name)


def alb_auth(load: Load, cfg: Cfg, at: Location) -> Auth:
    names = [n.value for n in cfg.strs("authorizer") if isinstance(n.value, str)]
    if not cfg.has("authorizer"):
        return Auth(AuthKind.NONE, at)
    loc = cfg.key_loc("authorizer")
    alb = load.provider.map("alb")
    authorizers = alb.map("authorizers") if alb is not None else None
    kinds: list[AuthKind] = []
    for name in names:
        node = authorizers.get(name) if authorizers is not None else None
        type_ = load.cfg(node).text("type") if isinstance(node, MapNode) else None
        if node is None:
            load.report(f"authorizer {name!r} is not defined in provider.alb.authorizers", loc)
        kinds.append(_ALB_TYPES.get((type_ or "").lower(), AuthKind.UNKNOWN))
    kind = kinds[0] if kinds else AuthKind.UNKNOWN
    return Auth(kind, loc, names[0] if names else None)


def function_authorizer(load: Load, name: str, at: Location) -> AuthKind:
    if name in load.functions:
        return AuthKind.LAMBDA
    load.report(f"authorizer {name!r} is not a function of this service", at)
    return AuthKind.UNKNOWN


def arn_kind(load: Load, arn: V[object]) -> AuthKind:
    value = arn.value
    if isinstance(value, Ref):
        if value.target in load.app.functions:
            return AuthKind.LAMBDA
        type_ = load.resource_types.get(value.target, "")
        if type_ == "AWS::Cognito::UserPool":
            return AuthKind.COGNITO
        if type_ in ("AWS::Lambda::Function", "AWS::Serverless::Function"):
            return AuthKind.LAMBDA
        return AuthKind.UNKNOWN
    text = str(value)
    if ":cognito-idp:" in text:
        return AuthKind.COGNITO
    if ":lambda:" in text:
        return AuthKind.LAMBDA
    return AuthKind.UNKNOWN


def arn_name(arn: V[object] | None) -> str | None:
    if arn is None:
        return None
    if isinstance(arn.value, Ref):
        return arn.value.target
    return str(arn.value).rsplit(":", 1)[-1].rsplit("/", 1)[-1] or None


__all__ = [
    "alb_auth",
    "arn_kind",
    "arn_name",
    "http_api_auth",
    "rest_auth",
    "websocket_auth",
]
