"""Reading one ``Resources`` map into an App, phase by phase, then linking what refers to what.

A resource of the wrong shape (not a map, no ``Type``, ``Properties`` not a map) is reported and
skipped; a resource type nobody reads stays in the model as ``ResourceKind.OTHER``; a loader
that trips over an unexpected shape reports the resource instead of failing the file.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from functools import partial

from faasguard.core.location import Location
from faasguard.loaders.base import LoadContext, Resolve
from faasguard.loaders.cloudformation.build import Build, Item
from faasguard.loaders.cloudformation.globals import merge_globals
from faasguard.loaders.cloudformation.iam import expand_managed_policies
from faasguard.loaders.cloudformation.registry import HANDLERS, INTERNAL_TYPES, Phase, known
from faasguard.loaders.cloudformation.text import is_intrinsic
from faasguard.loaders.nodes import MapNode
from faasguard.model.app import App, ResourceKind
from faasguard.model.values import V

_ROBUST = (ValueError, TypeError, KeyError, AttributeError, IndexError)


def load_into(
    app: App,
    resources: MapNode,
    path: str,
    ctx: LoadContext,
    resolve: Resolve,
    *,
    globals_: MapNode | None = None,
    names: Mapping[str, str] | None = None,
    logical_ids: Mapping[str, str] | None = None,
) -> None:
    b = Build(app, path, ctx, resolve, globals=globals_, names=dict(names or {}))
    b.logical_ids.update(logical_ids or {})
    if path not in app.files:
        app.files.append(path)
    items = _items(b, resources)
    _run(b, items, Phase.PRIMARY)
    link_roles(b)
    _run(b, items, Phase.ALIAS)
    for deferred in b.deferred:
        _guarded(b, deferred, Location.file(path), "the events of a function")
    for phase in (Phase.ATTACH, Phase.ROUTES, Phase.LATE):
        _run(b, items, phase)
    expand_managed_policies(b)
    link_roles(b)
    link_log_groups(b)


def _items(b: Build, resources: MapNode) -> list[Item]:
    items: list[Item] = []
    for logical_id, raw in resources.items():
        at = resources.key_loc(logical_id)
        if logical_id.startswith("Fn::ForEach"):
            b.report(f"{logical_id} is expanded at deploy time; its resources are not scanned", at)
            continue
        if not isinstance(raw, MapNode):
            b.report(f"resource {logical_id} should be a map", raw.loc)
            continue
        type_ = raw.str("Type")
        if type_ is None:
            b.report(f"resource {logical_id} has no Type", at)
            continue
        properties = _properties(b, logical_id, raw)
        properties = merge_globals(b.globals, type_, properties)
        b.types[logical_id] = type_
        b.nodes[logical_id] = raw
        items.append(Item(logical_id, type_, raw, b.props(properties), at))
    return items


def _properties(b: Build, logical_id: str, raw: MapNode) -> MapNode:
    node = b.branch(raw.get("Properties"))
    if node is None:
        return MapNode(raw.loc)
    if not isinstance(node, MapNode) or is_intrinsic(node):
        if not (isinstance(node, MapNode) and is_intrinsic(node)):
            b.report(f"Properties of {logical_id} should be a map", node.loc)
        return MapNode(node.loc)
    return node


def _run(b: Build, items: list[Item], phase: Phase) -> None:
    table = HANDLERS[phase]
    for item in items:
        handler = table.get(item.type)
        if handler is not None:
            _guarded(b, partial(handler, b, item), item.loc, item.id)
        elif phase is Phase.PRIMARY and not known(item.type):
            resource = b.add_resource(item, ResourceKind.OTHER)
            if item.type not in INTERNAL_TYPES:
                resource.extra["unknown_type"] = True
        if phase is Phase.PRIMARY and item.id in b.names and item.id in b.app.resources:
            b.app.resources[item.id].extra["cdk_path"] = b.names[item.id]


def _guarded(b: Build, action: Callable[[], None], at: Location, name: str) -> None:
    try:
        action()
    except _ROBUST as error:  # a shape no loader expected: report it, keep the rest
        b.report(f"could not read {name}: {type(error).__name__}: {error}", at)


def link_roles(b: Build) -> None:
    """Each function's role (by reference, or by a literal ARN/name of a role of the app)."""
    for fn in b.app.functions.values():
        if fn.role is None:
            fn.role = b.target(fn.role_value, b.app.roles) or _role_by_name(b, fn.role_value)
        role = b.app.roles.get(fn.role or "")
        if role is not None and fn.id not in role.functions:
            role.functions.append(fn.id)


def _role_by_name(b: Build, value: V[str] | None) -> str | None:
    text = value.value if value is not None and isinstance(value.value, str) else None
    if text is None:
        return None
    name = text.rsplit("/", 1)[-1]
    for role in b.app.roles.values():
        if role.name is not None and role.name.is_(name):
            return role.id
    return None


def link_log_groups(b: Build) -> None:
    """``/aws/lambda/<function>`` log groups (by reference or literal name), and
    ``LoggingConfig.LogGroup``."""
    groups = b.app.resources_of(ResourceKind.LOG_GROUP)
    by_name = {f"/aws/lambda/{fn.name}".lower(): fn for fn in b.app.functions.values()}
    for group in groups:
        if group.name is None:
            continue
        text = group.name.text()
        for ref in b.refs(group.name):
            fn = b.app.functions.get(ref)
            if fn is not None and text.startswith("/aws/lambda/"):
                fn.log_group = group.id
        named = by_name.get(text.lower()) if group.name.known else None
        if named is not None:
            named.log_group = group.id
    for fn_id, value in b.deferred_log_groups.items():
        group_id = b.target(value, {g.id: g for g in groups})
        if group_id is None and value is not None:
            group_id = next((g.id for g in groups if g.name and g.name.is_(value.text())), None)
        if group_id is not None:
            b.app.functions[fn_id].log_group = group_id


__all__ = ["link_log_groups", "link_roles", "load_into"]
