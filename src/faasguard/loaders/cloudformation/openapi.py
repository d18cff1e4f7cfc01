"""Routes an API declares in its inline OpenAPI document (``DefinitionBody`` of SAM APIs,
``Body`` of AWS::ApiGateway::RestApi and AWS::ApiGatewayV2::Api).

Each operation with an ``x-amazon-apigateway-integration`` becomes a route trigger; its auth
comes from the operation's ``security`` (or the document's), read through the document's
security schemes: ``x-amazon-apigateway-authtype`` (cognito_user_pools, custom, awsSigv4),
``x-amazon-apigateway-authorizer`` (jwt, token, request), API keys. An empty ``security``
list means no authorization. A route a SAM event already declared is not added twice.
A document included from S3 (``DefinitionUri``, ``AWS::Include``) is not read.
"""

from __future__ import annotations

from faasguard.loaders.cloudformation.build import Build, Item, Props
from faasguard.loaders.cloudformation.http import with_api_key
from faasguard.model.app import Api, ApiKind, Auth, AuthKind, Trigger, TriggerKind

METHODS = ("get", "put", "post", "delete", "options", "head", "patch")
ANY_METHOD = "x-amazon-apigateway-any-method"
_AUTH_TYPES = {
    "cognito_user_pools": AuthKind.COGNITO,
    "custom": AuthKind.LAMBDA,
    "awssigv4": AuthKind.IAM,
    "aws_iam": AuthKind.IAM,
    "jwt": AuthKind.JWT,
    "token": AuthKind.LAMBDA,
    "request": AuthKind.LAMBDA,
}


def load_document_routes(b: Build, item: Item) -> None:
    api = b.app.apis.get(item.id)
    key = "DefinitionBody" if item.type.startswith("AWS::Serverless") else "Body"
    document = item.props.map(key)
    if api is None or document is None:
        return
    schemes = _schemes(document)
    default = document if document.has("security") else None
    paths = document.map("paths")
    for path in paths.node if paths is not None else []:
        operations = paths.map(path) if paths is not None else None
        for method in (*METHODS, ANY_METHOD):
            operation = operations.map(method) if operations is not None else None
            if operation is not None:
                _route(b, api, path, method, operation, schemes, default)


def _route(
    b: Build,
    api: Api,
    path: str,
    method: str,
    operation: Props,
    schemes: dict[str, AuthKind],
    default: Props | None,
) -> None:
    integration = operation.map("x-amazon-apigateway-integration")
    if integration is None or (integration.text("type") or "").lower() == "mock":
        return
    verb = "ANY" if method == ANY_METHOD else method.upper()
    if any(t.api == api.id and t.method == verb and t.path == path for t in b.app.triggers):
        return
    kind = TriggerKind.REST_API if api.kind is ApiKind.REST else TriggerKind.HTTP_API
    function = b.function_of(integration.value("uri"))
    trigger = Trigger(kind, operation.loc, f"{api.id} {verb} {path}", function, api.id, verb, path)
    trigger.auth = _auth(operation, schemes, default)
    trigger.public = api.public
    trigger.cors = api.cors
    trigger.raw = operation.node
    b.add_trigger(trigger)


def _auth(operation: Props, schemes: dict[str, AuthKind], default: Props | None) -> Auth:
    source = operation if operation.has("security") else default
    requirements = source.maps("security") if source is not None else []
    where = source.key_loc("security") if source is not None else operation.loc
    best: Auth | None = None
    api_key = False
    for requirement in requirements:
        for name in requirement.node:
            kind = schemes.get(name, AuthKind.UNKNOWN)
            if kind is AuthKind.API_KEY:
                api_key = True
            elif best is None or not best.kind.authenticates:
                best = Auth(kind, requirement.key_loc(name), authorizer=name)
    return with_api_key(best or Auth(AuthKind.NONE, where), api_key)


def _schemes(document: Props) -> dict[str, AuthKind]:
    components = document.map("components")
    holder = components.map("securitySchemes") if components is not None else None
    holder = holder or document.map("securityDefinitions")  # Swagger 2.0
    result: dict[str, AuthKind] = {}
    for name in holder.node if holder is not None else []:
        scheme = holder.map(name) if holder is not None else None
        if scheme is not None:
            result[name] = _scheme_kind(scheme)
    return result


def _scheme_kind(scheme: Props) -> AuthKind:
    auth_type = (scheme.text("x-amazon-apigateway-authtype") or "").lower()
    authorizer = scheme.map("x-amazon-apigateway-authorizer")
    authorizer_type = (authorizer.text("type") or "").lower() if authorizer is not None else ""
    for key in (auth_type, authorizer_type):
        if key in _AUTH_TYPES:
            return _AUTH_TYPES[key]
    if (scheme.text("type") or "").lower() == "apikey":
        return AuthKind.API_KEY
    return AuthKind.UNKNOWN


__all__ = ["load_document_routes"]
