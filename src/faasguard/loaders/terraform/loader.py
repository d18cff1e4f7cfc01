"""A Terraform root module (and the local modules it calls) into one App."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from typing import Any

from faasguard.core.location import Location
from faasguard.loaders.base import LoadContext
from faasguard.loaders.nodes import MapNode, Node, SeqNode
from faasguard.loaders.terraform import (
    apigateway,
    cognito,
    events,
    iam,
    lambdas,
    network,
    routes,
    storage,
)
from faasguard.loaders.terraform.document import DATA_HANDLERS
from faasguard.loaders.terraform.evaluate import Evaluator
from faasguard.loaders.terraform.module import Module
from faasguard.loaders.terraform.reader import View
from faasguard.loaders.terraform.sources import (
    build_module,
    is_config_file,
    is_local_source,
    module_source,
    parse_files,
    tfvars,
)
from faasguard.loaders.terraform.state import Item, State
from faasguard.loaders.terraform.values import fully_known, plain, to_v
from faasguard.model.app import App, Parameter, Resource, ResourceKind, SourceFormat
from faasguard.model.values import V

Handler = Callable[[State, Item], None]


def _merge(*tables: dict[str, Handler]) -> dict[str, Handler]:
    merged: dict[str, Handler] = {}
    for table in tables:
        merged.update(table)
    return merged


# Phases: model objects first, then what links them, then what depends on both.
PHASES: tuple[dict[str, Handler], ...] = (
    _merge(
        lambdas.PRIMARY,
        iam.PRIMARY,
        apigateway.PRIMARY,
        storage.PRIMARY,
        network.PRIMARY,
        cognito.PRIMARY,
        events.PRIMARY,
    ),
    _merge(lambdas.LINKS, iam.LINKS, apigateway.LINKS, network.LINKS, cognito.LINKS),
    _merge(
        lambdas.DEPENDENTS,
        apigateway.DEPENDENTS,
        storage.DEPENDENTS,
        network.DEPENDENTS,
        cognito.DEPENDENTS,
        events.DEPENDENTS,
    ),
)
HANDLED = frozenset(name for phase in PHASES for name in phase)
MODELLED = frozenset(PHASES[0])


def load_terraform(directory: str, files: Mapping[str, str], ctx: LoadContext) -> App:
    """The App of the root module in `directory` (root-relative), from the texts of its
    ``*.tf``/``*.tf.json`` files (tfvars files may be given too). Files that do not parse are
    reported; ParseError is raised only when none of them parses."""
    bodies, problems = parse_files(files, ctx)
    if problems and not bodies:
        for problem in problems[1:]:
            ctx.report(problem.message, problem.location)
        raise problems[0]
    for problem in problems:
        ctx.report(problem.message, problem.location)
    sources = {path: text for path, text in files.items() if is_config_file(path)}
    root = Module("", directory, ".")
    root.tfvars = tfvars(ctx, directory, files)
    build_module(ctx, bodies, root, sources)
    ev = Evaluator(ctx, sources, DATA_HANDLERS)
    app = App(SourceFormat.TERRAFORM, directory)
    state = State(app, ctx, ev)
    for module in _modules(root):
        app.files.extend(module.files)
        _collect(state, module)
    _parameters(state, root)
    for phase in PHASES:
        for item in list(state.items.values()):
            handler = phase.get(item.type)
            if handler is not None:
                _run(state, item, handler)
    iam.link_functions(state)
    routes.link_by_permissions(state)
    storage.link_log_groups(state)
    _others(state)
    return app


def _modules(module: Module) -> Iterator[Module]:
    yield module
    for child in module.children.values():
        yield from _modules(child)


def _collect(state: State, module: Module) -> None:
    for local, block in module.resources.items():
        address = module.prefix + local
        view = View(state.ev, module, block.body, block.loc)
        state.items[address] = Item(address, block.labels[0], module, block, view)
    for name, call in module.calls.items():
        source = module_source(call)
        if source is not None and not is_local_source(source):
            _remote_module(state, module, name, source, call.loc)


def _remote_module(state: State, module: Module, name: str, source: str, loc: Location) -> None:
    address = f"{module.prefix}module.{name}"
    note = Resource(address, "module", ResourceKind.OTHER, loc)
    note.extra["module_source"] = V(source, loc)
    note.extra["note"] = "remote module source: not followed"
    state.app.resources[address] = note


def _parameters(state: State, root: Module) -> None:
    for name, block in root.variables.items():
        view = View(state.ev, root, block.body, block.loc)
        default = view.node("default")
        state.app.parameters[name] = Parameter(
            name,
            block.loc,
            type=view.text_of("type"),
            default=_default(default) if default is not None else None,
            no_echo=view.boolean("sensitive"),
        )


def _default(node: Node) -> V[Any]:
    """A known list or map default as plain data; anything else as a model value."""
    if isinstance(node, MapNode | SeqNode) and fully_known(node):
        return V(plain(node), node.loc)
    return to_v(node)


def _run(state: State, item: Item, handler: Handler) -> None:
    try:
        handler(state, item)
    except RecursionError:
        state.ctx.report(f"{item.address} is nested too deeply to read", item.block.loc)


def _others(state: State) -> None:
    """Resource types the loader does not model become Resources of kind OTHER."""
    for item in state.items.values():
        if item.type not in HANDLED and item.address not in state.app.resources:
            state.app.resources[item.address] = Resource(
                item.address, item.type, ResourceKind.OTHER, item.block.loc
            )


__all__ = ["HANDLED", "MODELLED", "load_terraform"]
