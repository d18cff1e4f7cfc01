"""Execution roles, as the framework (and serverless-iam-roles-per-function) makes them.

* A function with ``role:`` (a `resources` logical id, an ARN, ``!GetAtt X.Arn``) uses that
  role; so do all functions when ``provider.iam.role`` (or legacy ``provider.role``) is one.
* With the serverless-iam-roles-per-function plugin listed in `plugins`, a function with
  ``iamRoleStatements`` gets its own generated role ``<Name>IamRoleLambdaExecution``
  (provider statements added when ``iamRoleStatementsInherit`` or the plugin's
  ``defaultInherit`` is true). Without the plugin those statements do nothing: reported.
* Every other function shares the generated ``IamRoleLambdaExecution``: the logs permissions,
  ``provider.iam.role.statements`` (or legacy ``iamRoleStatements``), the read permissions of
  queue and stream events, destination permissions, X-Ray when tracing is on, managed policies
  (``managedPolicies``/``iamManagedPolicies``, AWSLambdaVPCAccessExecutionRole with a VPC) and
  the permissions boundary. Generated statements have an origin starting "serverless generated".
"""

from __future__ import annotations

from typing import Any

from faasguard.core.location import Location
from faasguard.loaders.nodes import MapNode, Node, SeqNode
from faasguard.loaders.policy import statement
from faasguard.loaders.serverless import naming
from faasguard.loaders.serverless.generated import PARTITION, deploy_arn
from faasguard.loaders.serverless.reader import Cfg, is_opaque
from faasguard.loaders.serverless.state import Load
from faasguard.model.app import Function, Principal, Role, Statement
from faasguard.model.values import Ref, V

VPC_ACCESS = "arn:aws:iam::aws:policy/service-role/AWSLambdaVPCAccessExecutionRole"
_PLUGIN_SETTINGS = "serverless-iam-roles-per-function"
_DESTINATION_ACTIONS = {
    ":sqs:": "sqs:SendMessage",
    ":sns:": "sns:Publish",
    ":events:": "events:PutEvents",
    ":lambda:": "lambda:InvokeFunction",
}
_DESTINATION_TYPES = {
    "AWS::SQS::Queue": "sqs:SendMessage",
    "AWS::SNS::Topic": "sns:Publish",
    "AWS::Events::EventBus": "events:PutEvents",
    "AWS::Lambda::Function": "lambda:InvokeFunction",
}


def build_roles(load: Load) -> None:
    shared: list[Function] = []
    for fn in load.app.functions.values():
        cfg = load.cfg(fn.raw) if fn.raw is not None else None
        own = cfg.value("role") if cfg is not None else None
        if own is not None:
            _custom_role(load, fn, own)
        elif cfg is not None and cfg.has("iamRoleStatements") and load.per_function_roles:
            _function_role(load, fn, cfg)
        elif load.defaults.role is not None:
            _custom_role(load, fn, load.defaults.role)
        else:
            shared.append(fn)
        if cfg is not None and cfg.has("iamRoleStatements") and not load.per_function_roles:
            load.report(
                f"iamRoleStatements of function {fn.name!r} need the "
                "serverless-iam-roles-per-function plugin, which is not in plugins: ignored",
                cfg.key_loc("iamRoleStatements"),
            )
    if shared:
        _shared_role(load, shared)


def link_roles(load: Load) -> None:
    """After `resources` are loaded: functions with `role:` join that role."""
    for fn_id, role_id in load.custom_roles.items():
        role = load.app.roles.get(role_id or "")
        if role is not None:
            load.app.functions[fn_id].role = role.id
            if fn_id not in role.functions:
                role.functions.append(fn_id)


def _custom_role(load: Load, fn: Function, value: V[Any]) -> None:
    fn.role_value = value
    target: str | None = None
    if isinstance(value.value, Ref):
        target = value.value.target
    elif isinstance(value.value, str) and not value.value.startswith("arn:"):
        target = value.value
        fn.role_value = V(Ref(target, "Arn"), value.loc)
        if target not in load.resource_types:
            load.report(f"role {target!r} is not a resource of this service", value.loc)
            target = None
    load.custom_roles[fn.id] = target


def _shared_role(load: Load, users: list[Function]) -> None:
    settings = _role_settings(load)
    at = _role_loc(load)
    role = Role(naming.SHARED_ROLE, at, generated=True)
    role.name = settings.str("name") if settings is not None else None
    role.trust = [_trust(at)]
    if any(fn.log_group for fn in users):
        prefix = f"{load.service or '${service}'}-{load.stage or '${sls:stage}'}*"
        role.statements.extend(_log_statements(prefix, at))
    role.statements.extend(provider_statements(load))
    for fn in users:
        role.statements.extend(load.role_needs.get(fn.id, []))
        role.statements.extend(_destinations(load, fn))
    role.statements.extend(_xray(users))
    role.managed_policies = _provider_managed(load)
    role.managed_policies.extend(_vpc_policy(users))
    role.permissions_boundary = _provider_boundary(load)
    _attach(load, role, users)


def _function_role(load: Load, fn: Function, cfg: Cfg) -> None:
    at = cfg.key_loc("iamRoleStatements")
    role = Role(naming.function_role_id(fn.name), at, generated=True)
    role.name = cfg.str("iamRoleStatementsName")
    role.trust = [_trust(at)]
    if fn.log_group:
        name = f"{load.service or '${service}'}-{load.stage or '${sls:stage}'}-{fn.name}"
        role.statements.extend(_log_statements(name, at))
    origin = f"serverless function {fn.name} iamRoleStatements"
    role.statements.extend(statement_list(load, cfg.get("iamRoleStatements"), origin))
    inherit = cfg.bool("iamRoleStatementsInherit")
    if inherit is None:
        plugin = load.config.map("custom")
        plugin = plugin.map(_PLUGIN_SETTINGS) if plugin is not None else None
        inherit = plugin.bool("defaultInherit") if plugin is not None else None
    inherited = inherit is not None and inherit.value is True
    if inherited:
        role.statements.extend(provider_statements(load))
        role.managed_policies.extend(_provider_managed(load))
    role.statements.extend(load.role_needs.get(fn.id, []))
    role.statements.extend(_destinations(load, fn))
    role.statements.extend(_xray([fn]))
    role.managed_policies.extend(cfg.strs("iamManagedPolicies"))
    role.managed_policies.extend(_vpc_policy([fn]))
    role.permissions_boundary = cfg.str("iamPermissionsBoundary") or _provider_boundary(load)
    _attach(load, role, [fn])


def provider_statements(load: Load) -> list[Statement]:
    settings = _role_settings(load)
    node = settings.get("statements") if settings is not None else None
    if node is not None:
        return statement_list(load, node, "serverless provider.iam.role.statements")
    node = load.provider.get("iamRoleStatements")
    return statement_list(load, node, "serverless provider.iamRoleStatements")


def statement_list(load: Load, node: Node | None, origin: str) -> list[Statement]:
    if node is None:
        return []
    if not isinstance(node, SeqNode):
        if not is_opaque(node):
            load.report("statements should be a list of maps", node.loc)
        return []
    result: list[Statement] = []
    for item in node.items:
        if isinstance(item, MapNode) and not is_opaque(item):
            result.append(statement(item, origin, load.resolve))
        elif not is_opaque(item):
            load.report("a statement should be a map with Effect, Action and Resource", item.loc)
    return result


def _role_settings(load: Load) -> Cfg | None:
    iam = load.provider.map("iam")
    node = iam.get("role") if iam is not None else None
    return load.cfg(node) if isinstance(node, MapNode) and not is_opaque(node) else None


def _role_loc(load: Load) -> Location:
    iam = load.provider.map("iam")
    if iam is not None and iam.has("role"):
        return iam.key_loc("role")
    for key in ("iam", "iamRoleStatements"):
        if load.provider.has(key):
            return load.provider.key_loc(key)
    return load.provider_loc()


def _provider_managed(load: Load) -> list[V[str]]:
    settings = _role_settings(load)
    if settings is not None and settings.has("managedPolicies"):
        return settings.strs("managedPolicies")
    return load.provider.strs("iamManagedPolicies")


def _provider_boundary(load: Load) -> V[str] | None:
    settings = _role_settings(load)
    boundary = settings.str("permissionsBoundary") if settings is not None else None
    return boundary or load.provider.str("rolePermissionsBoundary")


def _attach(load: Load, role: Role, users: list[Function]) -> None:
    for fn in users:
        fn.role = role.id
        fn.role_value = V(Ref(role.id, "Arn"), role.loc)
        role.functions.append(fn.id)
    load.app.roles[role.id] = role


def _trust(at: Location) -> Statement:
    trust = Statement(at, V("Allow", at), "serverless generated: trust policy")
    trust.actions = [V("sts:AssumeRole", at)]
    trust.principals = [Principal("Service", V("lambda.amazonaws.com", at))]
    return trust


def _log_statements(group: str, at: Location) -> list[Statement]:
    arn = f"arn:{PARTITION}:logs:${{AWS::Region}}:${{AWS::AccountId}}:log-group:/aws/lambda/{group}"
    origin = "serverless generated: logs"
    create = Statement(at, V("Allow", at), origin)
    create.actions = [
        V(a, at) for a in ("logs:CreateLogStream", "logs:CreateLogGroup", "logs:TagResource")
    ]
    create.resources = [V(deploy_arn(arn + ":*"), at)]
    put = Statement(at, V("Allow", at), origin)
    put.actions = [V("logs:PutLogEvents", at)]
    put.resources = [V(deploy_arn(arn + ":*:*"), at)]
    return [create, put]


def _xray(users: list[Function]) -> list[Statement]:
    traced = [fn for fn in users if fn.tracing is not None and fn.tracing.is_("Active")]
    if not traced:
        return []
    at = traced[0].tracing.loc if traced[0].tracing is not None else traced[0].loc
    xray = Statement(at, V("Allow", at), "serverless generated: X-Ray tracing")
    xray.actions = [V("xray:PutTraceSegments", at), V("xray:PutTelemetryRecords", at)]
    xray.resources = [V("*", at)]
    return [xray]


def _vpc_policy(users: list[Function]) -> list[V[str]]:
    for fn in users:
        if fn.vpc is not None:
            return [V(VPC_ACCESS, fn.vpc.loc)]
    return []


def _destinations(load: Load, fn: Function) -> list[Statement]:
    cfg = load.cfg(fn.raw) if fn.raw is not None else None
    if cfg is None:
        return []
    targets: list[V[Any]] = []
    destinations = cfg.map("destinations")
    if destinations is not None:
        for key in ("onSuccess", "onFailure"):
            node = destinations.get(key)
            if isinstance(node, MapNode) and not is_opaque(node):
                arn = destinations.sub(node).value("arn")
            else:
                arn = destinations.value(key)
            if arn is not None:
                targets.append(arn)
    on_error = cfg.value("onError")
    if on_error is not None:
        targets.append(on_error)
    return [s for s in (_destination(load, target) for target in targets) if s is not None]


def _destination(load: Load, target: V[Any]) -> Statement | None:
    value = target.value
    action: str | None = None
    if isinstance(value, str) and value in load.functions:
        target = V(Ref(value, "Arn"), target.loc)
        action = "lambda:InvokeFunction"
    elif isinstance(value, Ref) and value.target in load.app.functions:
        action = "lambda:InvokeFunction"
    elif isinstance(value, Ref):
        action = _DESTINATION_TYPES.get(load.resource_types.get(value.target, ""))
    else:
        action = next(
            (a for marker, a in _DESTINATION_ACTIONS.items() if marker in str(value)), None
        )
    if action is None:
        return None
    at = target.loc
    result = Statement(at, V("Allow", at), "serverless generated: destination")
    result.actions = [V(action, at)]
    result.resources = [target]
    return result


__all__ = ["VPC_ACCESS", "build_roles", "link_roles", "provider_statements", "statement_list"]
