"""Serverless Framework (v3 and v4) ``serverless.yml`` / ``.yaml`` / ``.json`` into the model.

Entry points the engine calls: :func:`is_serverless_file` and :func:`load_serverless`.

Loading is in steps: variables are expanded (:mod:`.variables`; nothing is executed, unknown
values stay :class:`~faasguard.model.Unresolved`), the provider's defaults are read, every
function is built with its URL and events (:mod:`.functions`, :mod:`.events`, :mod:`.http`), the
framework's generated objects are added (APIs, roles, log groups, the deployment bucket,
permissions), and `resources.Resources` is loaded by the CloudFormation loader into the same
app. Ids: functions by their key in the file (the logical id ``<Name>LambdaFunction`` used in
`resources` resolves to it), generated objects by the framework's logical ids
(``IamRoleLambdaExecution``, ``ApiGatewayRestApi``, ``HttpApi``, ``WebsocketsApi``).
"""

from __future__ import annotations

from pathlib import PurePosixPath

from faasguard.core.location import Location
from faasguard.loaders.base import LoadContext
from faasguard.loaders.cloudformation import load_resources
from faasguard.loaders.errors import ParseError
from faasguard.loaders.nodes import MapNode, ScalarNode, SeqNode
from faasguard.loaders.serverless import naming
from faasguard.loaders.serverless.functions import (
    build_function,
    collect_functions,
    read_defaults,
)
from faasguard.loaders.serverless.generated import deployment_bucket
from faasguard.loaders.serverless.http import finish_websockets
from faasguard.loaders.serverless.iam import build_roles, link_roles
from faasguard.loaders.serverless.reader import Cfg
from faasguard.loaders.serverless.resolver import SlsResolver
from faasguard.loaders.serverless.resources import (
    Section,
    collect_resources,
    generated_ids,
    layers,
    link_albs,
    parameters,
    without_overrides,
)
from faasguard.loaders.serverless.state import Load
from faasguard.loaders.serverless.variables import Variables
from faasguard.loaders.serverless.varnode import VarNode
from faasguard.loaders.serverless.varsources import Cycle, TooDeep
from faasguard.model.app import App, SourceFormat

FILE_NAMES = frozenset({"serverless.yml", "serverless.yaml", "serverless.json"})
FUNCTION_TYPE = "AWS::Lambda::Function"
_UNEXPECTED = (ValueError, TypeError, KeyError, AttributeError, IndexError)


def is_serverless_file(path: str) -> bool:
    """A Serverless Framework service file by its name (``serverless.ts``/``.js`` are
    programs, never run, so not service files here)."""
    return PurePosixPath(path).name in FILE_NAMES


def load_serverless(root: MapNode, path: str, ctx: LoadContext) -> App:
    """The app of one serverless.yml. Raises ParseError only when the file is not a map."""
    variables = Variables(root, path, ctx)
    try:
        config = variables.expand(root)
    except (Cycle, TooDeep):  # only lookups raise these, and lookups catch them
        raise ParseError("variables nest too deeply", root.loc) from None
    if not isinstance(config, MapNode):
        raise ParseError("serverless.yml should be a map of settings", root.loc)
    app = App(SourceFormat.SERVERLESS, path, files=[path])
    started = _start(app, config, path, ctx, variables)
    if started is not None:
        _build(*started)
    for extra in variables.files:
        if extra not in app.files:
            app.files.append(extra)
    return app


def _start(
    app: App, config: MapNode, path: str, ctx: LoadContext, variables: Variables
) -> tuple[Load, Section, set[str]] | None:
    provider = _provider(config, ctx)
    if provider is None:
        return None
    functions = collect_functions(config, ctx)
    section = collect_resources(config, ctx)
    generated = generated_ids(functions, config)
    values, params = parameters(section, ctx)
    resolver = SlsResolver(
        path,
        ctx,
        generated | set(section.resources.entries),
        values,
        section.mappings,
        dict(section.conditions.items()),
        model_ids={naming.function_id(key): key for key in functions},
    )
    load = Load(
        app,
        path,
        ctx,
        resolver,
        Cfg(config, resolver, ctx),
        Cfg(provider, resolver, ctx),
        variables.stage(),
        _service(config),
        _plugins(config),
    )
    load.functions = functions
    load.service_dir = _service_dir(path, ctx)
    load.resource_types = section.types()
    load.resource_types.update((naming.function_id(key), FUNCTION_TYPE) for key in functions)
    app.parameters = {parameter.name: parameter for parameter in params}
    return load, section, generated


def _build(load: Load, section: Section, generated: set[str]) -> None:
    load.defaults = read_defaults(load)
    for key, (at, node) in load.functions.items():
        try:
            build_function(load, key, at, node)
        except _UNEXPECTED as error:  # a shape no code expected: report it, load the rest
            load.report(f"could not read function {key!r}: {type(error).__name__}: {error}", at)
    finish_websockets(load)
    deployment_bucket(load)
    layers(load)
    build_roles(load)
    resources = without_overrides(section.resources, generated)
    if resources.entries:
        model_ids = {naming.function_id(key): key for key in load.functions}
        load_resources(
            load.app, resources, load.path, load.ctx, load.resolve, logical_ids=model_ids
        )
    link_roles(load)
    link_albs(load)


def _service_dir(path: str, ctx: LoadContext) -> str | None:
    try:
        return ctx.resolve_path(path, ".", Location.file(path))
    except ParseError:  # the file's own directory is inside the root; be safe anyway
        return None


def _provider(config: MapNode, ctx: LoadContext) -> MapNode | None:
    """The provider settings, or None (reported) when the provider is not AWS."""
    node = config.get("provider")
    provider = node if isinstance(node, MapNode) else MapNode(config.loc)
    name: object = provider.str("name")
    if isinstance(node, ScalarNode):
        name = node.value  # the old `provider: aws` form
    elif node is not None and not isinstance(node, MapNode):
        ctx.report("provider should be a map", node.loc)
    if isinstance(name, str) and name != "aws" and "${" not in name:
        at = provider.key_loc("name") if node is provider else config.key_loc("provider")
        ctx.report(f"provider {name!r} is not supported (only aws): nothing loaded", at)
        return None
    return provider


def _service(config: MapNode) -> str | None:
    node = config.get("service")
    if isinstance(node, MapNode):  # the old `service: {name: ...}` form
        return node.str("name")
    return config.str("service") if not isinstance(node, VarNode) else None


def _plugins(config: MapNode) -> frozenset[str]:
    node = config.get("plugins")
    if isinstance(node, MapNode):
        node = node.get("modules")
    items = node.items if isinstance(node, SeqNode) else []
    return frozenset(
        str(item.value) for item in items if isinstance(item, ScalarNode) and item.value
    )


__all__ = ["FILE_NAMES", "is_serverless_file", "load_serverless"]
