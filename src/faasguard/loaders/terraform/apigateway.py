"""API Gateway, REST (v1) and HTTP/WebSocket (v2): APIs, routes as triggers, authorizers,
stages with their logging and throttling, usage plans, custom domains.

A REST route is an `aws_api_gateway_method` (its path built from the `parent_id` chain of
`aws_api_gateway_resource`s); its function is found through the `aws_api_gateway_integration`
for the same method (`uri` = the function's `invoke_arn`). A v2 route is an
`aws_apigatewayv2_route` whose `target` names an integration.
"""

from __future__ import annotations

from collections.abc import Callable

from faasguard.loaders.terraform.document import statements
from faasguard.loaders.terraform.lambdas import add_trigger, auth_kind, cors
from faasguard.loaders.terraform.reader import View
from faasguard.loaders.terraform.state import Item, State, address_name
from faasguard.model.app import (
    Api,
    ApiKind,
    Auth,
    AuthKind,
    Authorizer,
    Resource,
    ResourceKind,
    Stage,
    Throttle,
    Trigger,
    TriggerKind,
)
from faasguard.model.values import V

Handler = Callable[[State, Item], None]
MAX_PATH_DEPTH = 30
_REST_AUTH = {
    "NONE": AuthKind.NONE,
    "AWS_IAM": AuthKind.IAM,
    "CUSTOM": AuthKind.LAMBDA,
    "COGNITO_USER_POOLS": AuthKind.COGNITO,
}
_V2_AUTH = {
    "NONE": AuthKind.NONE,
    "AWS_IAM": AuthKind.IAM,
    "JWT": AuthKind.JWT,
    "CUSTOM": AuthKind.LAMBDA,
}


def rest_api(state: State, item: Item) -> None:
    view = item.view
    endpoint = view.block("endpoint_configuration")
    types = endpoint.strings("types") if endpoint else []
    api = Api(item.address, ApiKind.REST, item.block.loc, name=view.string("name"))
    api.endpoint_type = types[0] if types else None
    api.disable_default_endpoint = view.boolean("disable_execute_api_endpoint")
    api.policy = statements(view, "policy", "API resource policy")
    state.app.apis[item.address] = api


def http_api(state: State, item: Item) -> None:
    view = item.view
    protocol = view.string("protocol_type")
    kind = ApiKind.WEBSOCKET if protocol is not None and protocol.is_("WEBSOCKET") else ApiKind.HTTP
    api = Api(item.address, kind, item.block.loc, name=view.string("name"))
    api.disable_default_endpoint = view.boolean("disable_execute_api_endpoint")
    api.cors = cors(view.block("cors_configuration"), "allow_origins", "allow_credentials")
    state.app.apis[item.address] = api


def api_policy(state: State, item: Item) -> None:
    api = state.api_of(item.view.string("rest_api_id"))
    if api is not None:
        api.policy.extend(statements(item.view, "policy", "API resource policy"))


def remember_resource(state: State, item: Item) -> None:
    state.api_resources[item.address] = item


def remember_integration(state: State, item: Item) -> None:
    state.integrations[item.address] = item


def authorizer(state: State, item: Item) -> None:
    view = item.view
    api = state.api_of(view.string("rest_api_id") or view.string("api_id"))
    if api is None:
        return
    kind_value = view.string("type") or view.string("authorizer_type")
    kind = AuthKind.LAMBDA
    if kind_value is not None and kind_value.is_("COGNITO_USER_POOLS"):
        kind = AuthKind.COGNITO
    elif kind_value is not None and kind_value.is_("JWT"):
        kind = AuthKind.JWT
    elif kind_value is not None and not kind_value.known:
        kind = AuthKind.UNKNOWN
    name = view.string("name")
    label = name.text() if name is not None and name.known else address_name(item.address)
    api.authorizers[item.address] = Authorizer(label, kind, item.block.loc)


def stage(state: State, item: Item) -> None:
    view = item.view
    api = state.api_of(view.string("rest_api_id") or view.string("api_id"))
    name = view.string("stage_name") or view.string("name")
    access = view.block("access_log_settings")
    result = Stage(
        name.text() if name is not None else address_name(item.address),
        item.block.loc,
        access_log=access.string("destination_arn") if access else None,
        tracing=view.boolean("xray_tracing_enabled"),
    )
    defaults = view.block("default_route_settings")
    if defaults is not None:
        result.throttle = _throttle(defaults, "throttling_burst_limit", "throttling_rate_limit")
        result.execution_logging = defaults.string("logging_level")
    if api is not None:
        api.stages.append(result)
        state.stages[item.address] = (api.id, result)


def deployment(state: State, item: Item) -> None:
    """A legacy `stage_name` on a deployment creates a stage too."""
    if item.view.has("stage_name"):
        stage(state, item)


def method_settings(state: State, item: Item) -> None:
    view = item.view
    api = state.api_of(view.string("rest_api_id"))
    found = state.stage_of(api, view.string("stage_name"))
    settings = view.block("settings")
    if found is None or settings is None:
        return
    path = view.string("method_path")
    applies_to_all = path is None or path.is_("*/*")
    if found.execution_logging is None or applies_to_all:
        found.execution_logging = settings.string("logging_level") or found.execution_logging
    if found.throttle is None or applies_to_all:
        throttle = _throttle(settings, "throttling_burst_limit", "throttling_rate_limit")
        if throttle.burst is not None or throttle.rate is not None:
            found.throttle = throttle


def usage_plan(state: State, item: Item) -> None:
    settings = item.view.block("throttle_settings")
    for api_stage in item.view.blocks("api_stages"):
        api = state.api_of(api_stage.string("api_id"))
        if api is not None and settings is not None:
            api.usage_plan_throttle = _throttle(settings, "burst_limit", "rate_limit")


def domain(state: State, item: Item) -> None:
    view = item.view
    config = view.block("domain_name_configuration")
    policy = (config or view).string("security_policy")
    state.app.resources[item.address] = Resource(
        item.address,
        item.type,
        ResourceKind.DOMAIN,
        item.block.loc,
        name=view.string("domain_name"),
        tls_policy=policy,
    )


def method(state: State, item: Item) -> None:
    view = item.view
    api = state.api_of(view.string("rest_api_id"))
    http = view.string("http_method")
    authorization = view.string("authorization")
    kind = auth_kind(authorization, _REST_AUTH)
    key_required = view.boolean("api_key_required")
    required = bool(key_required is not None and key_required.get(False))
    if kind is AuthKind.NONE and required:
        kind = AuthKind.API_KEY
    auth = Auth(
        kind,
        view.loc_of("authorization"),
        authorizer=state.find(view.string("authorizer_id"), api.authorizers if api else {}),
        api_key_required=required,
        scopes=tuple(s.text() for s in view.strings("authorization_scopes") if s.known),
    )
    trigger = Trigger(
        TriggerKind.REST_API,
        item.block.loc,
        item.address,
        api=api.id if api else None,
        method=http.text().upper() if http is not None and http.known else None,
        path=_path(state, view.string("resource_id"), 0),
        auth=auth,
        public=api.public if api else None,
    )
    trigger.function = _rest_function(state, item)
    add_trigger(state, trigger)


def _path(state: State, value: V[str] | None, depth: int) -> str | None:
    if depth > MAX_PATH_DEPTH:
        return None
    for target in state.targets(value):
        if target in state.app.apis:
            return "/"
        resource = state.api_resources.get(target)
        if resource is None:
            continue
        parent = _path(state, resource.view.string("parent_id"), depth + 1)
        part = resource.view.string("path_part")
        if parent is None or part is None or not part.known:
            return None
        return parent.rstrip("/") + "/" + part.text()
    return None


def _rest_function(state: State, method_item: Item) -> str | None:
    view = method_item.view
    http = view.string("http_method")
    resource = state.targets(view.string("resource_id"))
    for integration in state.integrations.values():
        if integration.type != "aws_api_gateway_integration":
            continue
        other = integration.view
        other_http = other.string("http_method")
        same = method_item.address in state.targets(other_http)
        if not same and resource and state.targets(other.string("resource_id")) == resource:
            same = other_http is not None and http is not None and other_http.is_(http.text())
        if same:
            return state.function_of(other.string("uri"))
    return None


def route(state: State, item: Item) -> None:
    view = item.view
    api = state.api_of(view.string("api_id"))
    route_key = view.string("route_key")
    verb, path = _route_key(route_key)
    kind = auth_kind(view.string("authorization_type") or V("NONE", item.block.loc), _V2_AUTH)
    key_required = view.boolean("api_key_required")
    required = bool(key_required is not None and key_required.get(False))
    if kind is AuthKind.NONE and required:
        kind = AuthKind.API_KEY
    auth = Auth(
        kind,
        view.loc_of("authorization_type"),
        authorizer=state.find(view.string("authorizer_id"), api.authorizers if api else {}),
        api_key_required=required,
        scopes=tuple(s.text() for s in view.strings("authorization_scopes") if s.known),
    )
    websocket = api is not None and api.kind is ApiKind.WEBSOCKET
    trigger = Trigger(
        TriggerKind.WEBSOCKET if websocket else TriggerKind.HTTP_API,
        item.block.loc,
        item.address,
        api=api.id if api else None,
        method=verb,
        path=path,
        auth=auth,
        public=api.public if api else None,
    )
    for target in state.targets(view.string("target")):
        integration = state.integrations.get(target)
        if integration is not None:
            trigger.function = state.function_of(integration.view.string("integration_uri"))
            break
    add_trigger(state, trigger)


def quick_create(state: State, item: Item) -> None:
    """`aws_apigatewayv2_api` with `target`: a default route without authorization."""
    view = item.view
    if not view.has("target"):
        return
    verb, path = _route_key(view.string("route_key"))
    trigger = Trigger(
        TriggerKind.HTTP_API,
        item.block.loc,
        item.address,
        function=state.function_of(view.string("target")),
        api=item.address,
        method=verb,
        path=path or "$default",
        auth=Auth(AuthKind.NONE, view.loc_of("target")),
        public=True,
    )
    add_trigger(state, trigger)


def _route_key(value: V[str] | None) -> tuple[str | None, str | None]:
    if value is None or not value.known:
        return None, None
    text = value.text().strip()
    verb, _, path = text.partition(" ")
    if not path:
        return None, text
    return verb.upper(), path.strip()


def _throttle(view: View, burst: str, rate: str) -> Throttle:
    return Throttle(view.loc, burst=view.integer(burst), rate=view.number(rate))


PRIMARY: dict[str, Handler] = {
    "aws_api_gateway_rest_api": rest_api,
    "aws_apigatewayv2_api": http_api,
    "aws_api_gateway_domain_name": domain,
    "aws_apigatewayv2_domain_name": domain,
}
LINKS: dict[str, Handler] = {
    "aws_api_gateway_resource": remember_resource,
    "aws_api_gateway_integration": remember_integration,
    "aws_apigatewayv2_integration": remember_integration,
    "aws_api_gateway_authorizer": authorizer,
    "aws_apigatewayv2_authorizer": authorizer,
    "aws_api_gateway_stage": stage,
    "aws_api_gateway_deployment": deployment,
    "aws_apigatewayv2_stage": stage,
    "aws_api_gateway_rest_api_policy": api_policy,
}
DEPENDENTS: dict[str, Handler] = {
    "aws_api_gateway_method": method,
    "aws_api_gateway_method_settings": method_settings,
    "aws_api_gateway_usage_plan": usage_plan,
    "aws_apigatewayv2_route": route,
    "aws_apigatewayv2_api": quick_create,
}

__all__ = ["DEPENDENTS", "LINKS", "PRIMARY"]
