"""`functions`: one :class:`Function` each, with the provider's defaults applied.

A function's id and name are its key in serverless.yml (``hello``); references to the logical
id the framework gives it (``!GetAtt HelloLambdaFunction.Arn``) are resolved to that id.
Settings the function leaves out come from `provider` (runtime, memorySize,
timeout, environment, tracing, kmsKeyArn, vpc, layers) and then from the framework's defaults
(memory 1024 MB and timeout 6 s, located at the function's key, where one would set them).
"""

from __future__ import annotations

from typing import Any

from faasguard.core.location import Location
from faasguard.loaders.base import LoadContext
from faasguard.loaders.nodes import MapNode, Node, ScalarNode, SeqNode
from faasguard.loaders.serverless.events import load_events
from faasguard.loaders.serverless.generated import log_group
from faasguard.loaders.serverless.http import function_url
from faasguard.loaders.serverless.reader import Cfg, is_opaque
from faasguard.loaders.serverless.state import Defaults, Load
from faasguard.model.app import EnvVar, Function, Vpc
from faasguard.model.values import V

DEFAULT_MEMORY = 1024
DEFAULT_TIMEOUT = 6


def collect_functions(config: MapNode, ctx: LoadContext) -> dict[str, tuple[Location, MapNode]]:
    """The `functions` entries by key (a list of maps is merged, as the framework does)."""
    node = config.get("functions")
    result: dict[str, tuple[Location, MapNode]] = {}
    if node is None or (isinstance(node, ScalarNode) and node.value is None):
        return result
    parts = node.items if isinstance(node, SeqNode) else [node]
    for part in parts:
        if not isinstance(part, MapNode) or is_opaque(part):
            report_unreadable(ctx, "functions", part)
            continue
        for key, value in part.items():
            if isinstance(value, MapNode) and not is_opaque(value):
                result[key] = (part.key_loc(key), value)
            else:
                report_unreadable(ctx, f"function {key!r}", value)
    return result


def read_defaults(load: Load) -> Defaults:
    p = load.provider
    tracing = p.map("tracing")
    return Defaults(
        runtime=p.str("runtime"),
        memory=p.int("memorySize"),
        timeout=p.int("timeout"),
        environment=tuple(environment(p)),
        tracing=_tracing(tracing.value("lambda") if tracing is not None else None),
        kms_key=p.str("kmsKeyArn"),
        vpc=vpc(p),
        layers=tuple(p.strs("layers")),
        role=_provider_role(p),
        log_retention=p.int("logRetentionInDays"),
    )


def build_function(load: Load, key: str, at: Location, node: MapNode) -> Function:
    cfg = load.cfg(node)
    defaults = load.defaults
    fn = Function(key, key, at, "AWS::Lambda::Function", raw=node)
    fn.handler = cfg.str("handler")
    fn.image = cfg.has("image")
    fn.runtime = cfg.str("runtime") or (None if fn.image else defaults.runtime)
    fn.memory = cfg.int("memorySize") or defaults.memory or V(DEFAULT_MEMORY, at)
    fn.timeout = cfg.int("timeout") or defaults.timeout or V(DEFAULT_TIMEOUT, at)
    fn.reserved_concurrency = cfg.int("reservedConcurrency")
    fn.environment = {env.name: env for env in defaults.environment}
    fn.environment.update((env.name, env) for env in environment(cfg))
    fn.env_kms_key = cfg.str("kmsKeyArn") or defaults.kms_key
    fn.tracing = _tracing(cfg.value("tracing")) or defaults.tracing
    fn.vpc = vpc(cfg) if cfg.has("vpc") else defaults.vpc
    fn.layers = cfg.strs("layers") if cfg.has("layers") else list(defaults.layers)
    _code(load, fn, cfg)
    _async_settings(fn, cfg)
    if not cfg.flag("disableLogs"):
        log_group(load, fn, cfg.str("name"))
    load.app.functions[fn.id] = fn
    function_url(load, fn, cfg)
    load_events(load, fn, cfg)
    return fn


def environment(cfg: Cfg) -> list[EnvVar]:
    node = cfg.get("environment")
    if node is None:
        return []
    if not isinstance(node, MapNode) or is_opaque(node):
        if not is_opaque(node):
            cfg.ctx.report("environment should be a map", node.loc)
        return []
    return [EnvVar(name, node.key_loc(name), cfg.resolve(value)) for name, value in node.items()]


def vpc(cfg: Cfg) -> Vpc | None:
    node = cfg.get("vpc")
    if node is None:
        return None
    at = cfg.key_loc("vpc")
    if isinstance(node, MapNode) and not is_opaque(node):
        settings = cfg.sub(node)
        return Vpc(at, settings.strs("securityGroupIds"), settings.strs("subnetIds"))
    if is_opaque(node):  # set, but to something unknown
        unknown = cfg.resolve(node)
        return Vpc(at, [unknown], [unknown])
    cfg.ctx.report("vpc should be a map with securityGroupIds and subnetIds", node.loc)
    return None


def _code(load: Load, fn: Function, cfg: Cfg) -> None:
    if fn.image:
        fn.code_uri = cfg.str("image") if not isinstance(cfg.get("image"), MapNode) else None
        return
    package = cfg.map("package")
    artifact = package.str("artifact") if package is not None else None
    service_package = load.provider.map("package") or load.config.map("package")
    if artifact is None and service_package is not None:
        artifact = service_package.str("artifact")
    if artifact is not None:
        fn.code_uri = artifact
        return
    fn.code_dir = load.service_dir


def _async_settings(fn: Function, cfg: Cfg) -> None:
    destinations = cfg.map("destinations")
    if destinations is not None:
        failure = destinations.get("onFailure")
        if isinstance(failure, MapNode) and not is_opaque(failure):
            fn.on_failure = destinations.sub(failure).str("arn")
        else:
            fn.on_failure = destinations.str("onFailure")
    fn.dead_letter = cfg.str("onError")
    fn.max_retry_attempts = cfg.int("maximumRetryAttempts")


def _tracing(value: V[Any] | None) -> V[str] | None:
    """`true` means Active, `false` PassThrough (the framework's shorthand)."""
    if value is None:
        return None
    if value.value is True or value.value == "true":
        return V("Active", value.loc)
    if value.value is False or value.value == "false":
        return V("PassThrough", value.loc)
    return value


def _provider_role(provider: Cfg) -> V[Any] | None:
    """`provider.iam.role` (or the legacy `provider.role`) given as a name, ARN or Ref."""
    iam = provider.map("iam")
    node: Node | None = iam.get("role") if iam is not None else None
    if node is None:
        node = provider.get("role")
    if node is None or (isinstance(node, MapNode) and not is_opaque(node)):
        return None
    return provider.resolve(node)


def report_unreadable(ctx: LoadContext, what: str, node: Node) -> None:
    unresolved = getattr(node, "unresolved", None)
    reason = f" ({unresolved.reason})" if unresolved is not None and unresolved.reason else ""
    ctx.report(f"{what} should be a map{reason}", node.loc)


__all__ = [
    "DEFAULT_MEMORY",
    "DEFAULT_TIMEOUT",
    "build_function",
    "collect_functions",
    "environment",
    "read_defaults",
    "report_unreadable",
    "vpc",
]
