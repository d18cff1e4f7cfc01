"""Lambda resources: functions, aliases, URLs, permissions, event source mappings, async
invoke configuration, layers and code signing configurations. The triggers other services
declare are in `events`."""

from __future__ import annotations

import posixpath
from collections.abc import Callable

from faasguard.loaders.errors import ParseError
from faasguard.loaders.hcl.ast import Expr, GetAttr, Index, VariableExpr
from faasguard.loaders.nodes import MapNode, Node
from faasguard.loaders.terraform.reader import View
from faasguard.loaders.terraform.state import Item, State, address_name
from faasguard.loaders.terraform.values import scalar_text, to_v
from faasguard.model.app import (
    Auth,
    AuthKind,
    Cors,
    EnvVar,
    Function,
    FunctionUrl,
    Permission,
    Principal,
    Resource,
    ResourceKind,
    Statement,
    Trigger,
    TriggerKind,
    Vpc,
)
from faasguard.model.values import Unresolved, V

Handler = Callable[[State, Item], None]
_SOURCE_KINDS = {
    "aws_sqs_queue": TriggerKind.SQS,
    "aws_kinesis_stream": TriggerKind.KINESIS,
    "aws_dynamodb_table": TriggerKind.DYNAMODB_STREAM,
    "aws_msk_cluster": TriggerKind.KAFKA,
    "aws_mq_broker": TriggerKind.MQ,
}
_ARN_KINDS = {
    ":sqs:": TriggerKind.SQS,
    ":kinesis:": TriggerKind.KINESIS,
    ":dynamodb:": TriggerKind.DYNAMODB_STREAM,
    ":kafka:": TriggerKind.KAFKA,
    ":mq:": TriggerKind.MQ,
}


def function(state: State, item: Item) -> None:
    view = item.view
    name = view.string("function_name")
    fn = Function(
        id=item.address,
        name=name.text() if name is not None and name.known else address_name(item.address),
        loc=item.block.loc,
        resource_type=item.type,
    )
    fn.runtime = view.string("runtime")
    fn.handler = view.string("handler")
    package = view.string("package_type")
    fn.image = view.has("image_uri") or (package is not None and package.is_("Image"))
    fn.code_uri = view.string("filename") or view.string("image_uri") or _s3_uri(view)
    fn.code_dir = _code_dir(state, item)
    _environment(fn, view)
    fn.env_kms_key = view.string("kms_key_arn")
    fn.timeout = view.integer("timeout")
    fn.memory = view.integer("memory_size")
    fn.reserved_concurrency = view.integer("reserved_concurrent_executions")
    fn.role_value = view.string("role")
    tracing = view.block("tracing_config")
    fn.tracing = tracing.string("mode") if tracing else None
    dead_letter = view.block("dead_letter_config")
    fn.dead_letter = dead_letter.string("target_arn") if dead_letter else None
    vpc = view.block("vpc_config")
    if vpc is not None:
        fn.vpc = Vpc(vpc.loc, vpc.strings("security_group_ids"), vpc.strings("subnet_ids"))
    fn.layers = view.strings("layers")
    fn.code_signing = view.string("code_signing_config_arn")
    state.app.functions[item.address] = fn


def _s3_uri(view: View) -> V[str] | None:
    bucket = view.string("s3_bucket")
    if bucket is None:
        return None
    key = view.string("s3_key")
    text = f"s3://{bucket.text()}/{key.text() if key else ''}"
    value: str | Unresolved = (
        text if bucket.known and (key is None or key.known) else Unresolved(text)
    )
    return V(value, bucket.loc)


def _environment(fn: Function, view: View) -> None:
    environment = view.block("environment")
    variables = environment.node("variables") if environment else None
    if isinstance(variables, MapNode):
        for key, node in variables.items():
            fn.environment[key] = EnvVar(key, variables.key_loc(key), to_v(node))


def _code_dir(state: State, item: Item) -> str | None:
    """The local code the function is built from: an `archive_file` source, or `filename`
    when it names a directory or a source file rather than an archive."""
    view = item.view
    filename = view.string("filename")
    for name in ("filename", "source_code_hash"):
        value = view.string(name)
        for target in state.targets(value):
            archive = _archive(state, item, target, _instance_key(state, item, name))
            if archive is not None:
                return archive
    if filename is None or not filename.known:
        return None
    text = filename.text()
    for address, block in item.module.data.items():
        if address.startswith("archive_file."):
            archive_view = View(state.ev, item.module, block.body, block.loc)
            output = archive_view.node("output_path")
            if output is not None and scalar_text(output) == text:
                return _archive_source(state, archive_view)
    if text.endswith((".zip", ".jar")):
        return None
    return _local_dir(state, item.view, text)


def _instance_key(state: State, item: Item, attribute: str) -> Node | None:
    """The key in `data.archive_file.x["key"].output_path` (a `for_each` instance), known."""
    found = item.view.attribute(attribute)
    expr = found.expr if found is not None else None
    while isinstance(expr, GetAttr | Index):
        if isinstance(expr, Index) and _is_data_traversal(expr.source):
            key = state.ev.eval(expr.key, item.module)
            return key if scalar_text(key) is not None else None
        expr = expr.source
    return None


def _is_data_traversal(expr: Expr) -> bool:
    depth = 0
    while isinstance(expr, GetAttr):
        expr, depth = expr.source, depth + 1
    return isinstance(expr, VariableExpr) and expr.name == "data" and depth == 2


def _archive(state: State, item: Item, target: str, key: Node | None) -> str | None:
    prefix = item.module.prefix + "data.archive_file."
    if not target.startswith(prefix):
        return None
    block = item.module.data.get("archive_file." + target[len(prefix) :])
    if block is None:
        return None
    names: dict[str, Node] = {}
    if key is not None:  # bind each.key / each.value for that instance
        collection = View(state.ev, item.module, block.body, block.loc).node("for_each")
        value = collection.get(str(scalar_text(key))) if isinstance(collection, MapNode) else None
        entries = {"key": key, "value": value or key}
        names["each"] = MapNode(block.loc, entries=entries, keys=dict.fromkeys(entries, block.loc))
    return _archive_source(state, View(state.ev, item.module, block.body, block.loc, names))


def _archive_source(state: State, view: View) -> str | None:
    source_dir = view.string("source_dir")
    if source_dir is not None and source_dir.known:
        return _resolve(state, view, source_dir.text(), source_dir)
    source_file = view.string("source_file")
    if source_file is not None and source_file.known:
        return _resolve(state, view, posixpath.dirname(source_file.text()) or ".", source_file)
    return None


def _local_dir(state: State, view: View, text: str) -> str | None:
    directory = posixpath.dirname(text) if posixpath.splitext(text)[1] else text
    return _resolve(state, view, directory or ".", V(text, view.loc_of("filename")))


def _resolve(state: State, view: View, path: str, value: V[str]) -> str | None:
    root = view.module.root.directory
    base = f"{root}/main.tf" if root else "main.tf"
    try:
        return state.ctx.resolve_path(base, path, value.loc)
    except ParseError as problem:
        state.ctx.report(problem.message, problem.location)
        return None


def code_signing_config(state: State, item: Item) -> None:
    """Extra ``untrusted_artifact_on_deployment`` ("Warn" or "Enforce"; AWS's default Warn at
    the configuration when not written) and ``signing_profiles``."""
    resource = Resource(item.address, item.type, ResourceKind.OTHER, item.block.loc)
    policies = item.view.block("policies")
    action = policies.string("untrusted_artifact_on_deployment") if policies else None
    resource.extra["untrusted_artifact_on_deployment"] = action or V("Warn", item.block.loc)
    publishers = item.view.block("allowed_publishers")
    profiles = publishers.strings("signing_profile_version_arns") if publishers else []
    resource.extra["signing_profiles"] = profiles
    state.app.resources[item.address] = resource


def alias(state: State, item: Item) -> None:
    target = state.function_of(item.view.string("function_name"))
    if target is not None:
        state.aliases[item.address] = target


def auth_kind(value: V[str] | None, mapping: dict[str, AuthKind]) -> AuthKind:
    if value is None or not value.known:
        return AuthKind.UNKNOWN
    return mapping.get(value.text().upper(), AuthKind.UNKNOWN)


def cors(view: View | None, origins: str, credentials: str) -> Cors | None:
    if view is None:
        return None
    return Cors(view.loc, view.strings(origins), view.boolean(credentials))


def function_url(state: State, item: Item) -> None:
    view = item.view
    fn_id = state.function_of(view.string("function_name"))
    auth_type = view.string("authorization_type")
    url = FunctionUrl(
        item.block.loc,
        auth_type,
        cors(view.block("cors"), "allow_origins", "allow_credentials"),
        view.string("invoke_mode"),
    )
    kind = auth_kind(auth_type, {"NONE": AuthKind.NONE, "AWS_IAM": AuthKind.IAM})
    trigger = Trigger(
        TriggerKind.FUNCTION_URL,
        item.block.loc,
        item.address,
        function=fn_id,
        auth=Auth(kind, view.loc_of("authorization_type")),
        public=True,
        cors=url.cors,
    )
    add_trigger(state, trigger)
    fn = state.app.functions.get(fn_id) if fn_id else None
    if fn is not None and fn.url is None:
        fn.url = url
    elif fn is None:  # a URL of a function outside the configuration
        resource = Resource(item.address, item.type, ResourceKind.OTHER, item.block.loc)
        resource.extra["auth_type"] = auth_type
        state.app.resources[item.address] = resource


def add_trigger(state: State, trigger: Trigger) -> None:
    state.app.triggers.append(trigger)
    fn = state.app.functions.get(trigger.function) if trigger.function else None
    if fn is not None:
        fn.triggers.append(trigger)


def permission(state: State, item: Item) -> None:
    view = item.view
    loc = item.block.loc
    state.app.permissions.append(
        Permission(
            id=item.address,
            loc=loc,
            function=view.string("function_name") or V(Unresolved("", (), "absent"), loc),
            principal=view.string("principal") or V(Unresolved("", (), "absent"), loc),
            action=view.string("action"),
            source_arn=view.string("source_arn"),
            source_account=view.string("source_account"),
            principal_org_id=view.string("principal_org_id"),
            function_url_auth_type=view.string("function_url_auth_type"),
        )
    )


def event_source_mapping(state: State, item: Item) -> None:
    view = item.view
    source = view.string("event_source_arn")
    kind = TriggerKind.KAFKA if view.has("self_managed_event_source") else TriggerKind.OTHER
    for target in state.targets(source):
        kind = _SOURCE_KINDS.get(target.rsplit(".", 2)[-2], kind)
    if source is not None and source.known:
        kind = next((k for part, k in _ARN_KINDS.items() if part in source.text()), kind)
    trigger = Trigger(kind, item.block.loc, item.address, public=False, source=source)
    trigger.function = state.function_of(view.string("function_name"))
    add_trigger(state, trigger)


def invoke_config(state: State, item: Item) -> None:
    view = item.view
    fn_id = state.function_of(view.string("function_name"))
    fn = state.app.functions.get(fn_id) if fn_id else None
    if fn is None:
        return
    destinations = view.block("destination_config")
    on_failure = destinations.block("on_failure") if destinations else None
    if on_failure is not None:
        fn.on_failure = on_failure.string("destination")
    fn.max_retry_attempts = view.integer("maximum_retry_attempts")


def layer(state: State, item: Item) -> None:
    view = item.view
    resource = Resource(
        item.address, item.type, ResourceKind.LAYER, item.block.loc, name=view.string("layer_name")
    )
    resource.extra["compatible_runtimes"] = view.strings("compatible_runtimes")
    state.app.resources[item.address] = resource


def layer_permission(state: State, item: Item) -> None:
    view = item.view
    target = state.resource_of(view.string("layer_name"), "aws_lambda_layer_version")
    if target is None:
        return
    principal = view.string("principal") or V("*", item.block.loc)
    statement = Statement(
        loc=item.block.loc,
        effect=V("Allow", item.block.loc),
        origin=f"layer permission {item.address}",
        actions=[view.string("action") or V("lambda:GetLayerVersion", item.block.loc)],
        principals=[Principal("*" if principal.is_("*") else "AWS", principal)],
    )
    organization = view.string("organization_id")
    if organization is not None:
        statement.conditions["StringEquals"] = {"aws:PrincipalOrgID": [organization]}
    target.policy.append(statement)


PRIMARY: dict[str, Handler] = {
    "aws_lambda_function": function,
    "aws_lambda_layer_version": layer,
    "aws_lambda_code_signing_config": code_signing_config,
}
LINKS: dict[str, Handler] = {"aws_lambda_alias": alias}
DEPENDENTS: dict[str, Handler] = {
    "aws_lambda_function_url": function_url,
    "aws_lambda_permission": permission,
    "aws_lambda_event_source_mapping": event_source_mapping,
    "aws_lambda_function_event_invoke_config": invoke_config,
    "aws_lambda_layer_version_permission": layer_permission,
}

__all__ = ["DEPENDENTS", "LINKS", "PRIMARY", "Handler", "add_trigger", "auth_kind", "cors"]
