"""The state of one load: the app being filled, and typed reading of resource properties.

:class:`Props` reads a properties map through the resolver: every accessor returns a located
model value (or None when the key is absent or ``AWS::NoValue``), coerces the obvious string
forms (``"30"`` for a number, ``"true"`` for a flag), and reports - without raising - values of
the wrong shape, such as a list where a map is expected.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass, field
from typing import Any

from faasguard.core.location import Location
from faasguard.loaders.base import LoadContext, Resolve
from faasguard.loaders.cloudformation.text import is_intrinsic, placeholder
from faasguard.loaders.nodes import MapNode, Node, SeqNode
from faasguard.loaders.policy import statements_from_document, statements_from_list
from faasguard.model.app import App, Resource, ResourceKind, Stage, Statement, Trigger
from faasguard.model.values import Ref, Unresolved, V


@dataclass(slots=True)
class Build:
    app: App
    path: str
    ctx: LoadContext
    resolve: Resolve
    types: dict[str, str] = field(default_factory=dict)  # logical id -> resource type
    nodes: dict[str, MapNode] = field(default_factory=dict)  # logical id -> resource entry
    names: dict[str, str] = field(default_factory=dict)  # logical id -> display name (CDK)
    globals: MapNode | None = None  # SAM Globals
    logical_ids: dict[str, str] = field(default_factory=dict)  # logical id -> model id
    stages: dict[str, tuple[str, Stage]] = field(default_factory=dict)  # stage id -> api, stage
    managed_docs: dict[str, list[Statement]] = field(default_factory=dict)
    attached: set[tuple[str, str]] = field(default_factory=set)  # (role, managed policy)
    deferred: list[Callable[[], None]] = field(default_factory=list)  # SAM events
    deferred_log_groups: dict[str, V[Any] | None] = field(default_factory=dict)  # fn -> group
    preflight_auth: dict[str, bool] = field(default_factory=dict)  # SAM api -> CORS preflight

    def report(self, message: str, at: Location) -> None:
        self.ctx.report(message, at)

    def branch(self, node: Node | None) -> Node | None:
        """`node` with a decidable structural ``Fn::If`` chosen, None for ``AWS::NoValue``."""
        if node is None:
            return None
        if not isinstance(node, MapNode) or len(node) != 1:
            return node  # the common case: nothing to choose
        chooser = getattr(self.resolve, "branch", None)
        if callable(chooser):
            chosen: Node | None = chooser(node)
            return chosen
        if node.str("Ref") == "AWS::NoValue":
            return None
        return node

    def prune(self, node: Node) -> Node:
        """A copy of a document (a policy) with decidable ``Fn::If`` branches chosen and
        ``AWS::NoValue`` entries and items removed, as CloudFormation does before use."""
        chosen = self.branch(node)
        if chosen is None:
            return MapNode(node.loc)
        if isinstance(chosen, SeqNode):
            items = [self.prune(item) for item in chosen.items if self.branch(item) is not None]
            return SeqNode(chosen.loc, chosen.tag, items=items)
        if isinstance(chosen, MapNode) and not is_intrinsic(chosen):
            result = MapNode(chosen.loc, chosen.tag)
            for key, value in chosen.items():
                if self.branch(value) is not None:
                    result.entries[key] = self.prune(value)
                    result.keys[key] = chosen.key_loc(key)
            return result
        return chosen

    def document(self, node: Node, origin: str) -> list[Statement]:
        """The statements of a policy document node (pruned first)."""
        return statements_from_document(self.prune(node), origin, self.resolve)

    def statements(self, node: Node, origin: str) -> list[Statement]:
        """A ``Statement`` value: one statement map or a list of them (pruned first)."""
        return statements_from_list(self.prune(node), origin, self.resolve)

    def props(self, node: MapNode) -> Props:
        return Props(self, node)

    # -- identities --------------------------------------------------------------------------

    def model_id(self, logical_id: str) -> str:
        return self.logical_ids.get(logical_id, logical_id)

    def refs(self, value: V[Any] | None) -> tuple[str, ...]:
        """The model ids a value mentions (a Ref's target, an Unresolved's refs)."""
        if value is None:
            return ()
        return tuple(self.model_id(ref) for ref in placeholder(value.value)[1])

    def target(self, value: V[Any] | None, pool: Collection[str]) -> str | None:
        """The first id of `pool` that `value` refers to."""
        for ref in self.refs(value):
            if ref in pool:
                return ref
        return None

    def function_of(self, value: V[Any] | None) -> str | None:
        """The app function a FunctionName/Arn value names: by reference, or by literal name."""
        found = self.target(value, self.app.functions)
        if found is not None or value is None or not isinstance(value.value, str):
            return found
        name = value.value.split(":function:", 1)[-1].split(":", 1)[0]
        for function in self.app.functions.values():
            if function.name == name:
                return function.id
        return None

    def type_of(self, model_id: str) -> str | None:
        for logical, target in self.logical_ids.items():
            if target == model_id and logical in self.types:
                return self.types[logical]
        return self.types.get(model_id)

    # -- adding to the app -------------------------------------------------------------------

    def add_resource(self, item: Item, kind: ResourceKind, name_key: str | None = None) -> Resource:
        resource = Resource(item.id, item.type, kind, item.loc, raw=item.node)
        if name_key is not None:
            resource.name = item.props.str(name_key)
        self.app.resources[item.id] = resource
        return resource

    def add_trigger(self, trigger: Trigger) -> None:
        self.app.triggers.append(trigger)
        function = self.app.functions.get(trigger.function or "")
        if function is not None:
            function.triggers.append(trigger)


@dataclass(frozen=True, slots=True)
class Item:
    """One entry of a ``Resources`` map."""

    id: str
    type: str
    node: MapNode
    props: Props
    loc: Location  # the logical id's own location


# Props has methods named str/int/bool: annotations inside the class use these names.
_Text = str
_Flag = bool
_Int = int
_Float = float


class Props:
    """Typed, located reading of one properties map (or any map inside one)."""

    __slots__ = ("b", "node")

    def __init__(self, b: Build, node: MapNode) -> None:
        self.b = b
        self.node = node

    @property
    def loc(self) -> Location:
        return self.node.loc

    def has(self, key: _Text) -> _Flag:
        return self.get(key) is not None

    def key_loc(self, key: _Text) -> Location:
        return self.node.key_loc(key)

    def get(self, key: _Text) -> Node | None:
        return self.b.branch(self.node.get(key))

    def value(self, key: _Text) -> V[Any] | None:
        node = self.get(key)
        if node is None:
            return None
        value = self.b.resolve(node)
        return None if value.value is None else value

    def str(self, key: _Text) -> V[_Text] | None:
        value = self.value(key)
        return None if value is None else self._coerce(value, to_str, "a string")

    def int(self, key: _Text) -> V[_Int] | None:
        value = self.value(key)
        return None if value is None else self._coerce(value, to_int, "a whole number")

    def float(self, key: _Text) -> V[_Float] | None:
        value = self.value(key)
        return None if value is None else self._coerce(value, to_float, "a number")

    def bool(self, key: _Text) -> V[_Flag] | None:
        value = self.value(key)
        return None if value is None else self._coerce(value, to_bool, "true or false")

    def text(self, key: _Text) -> _Text | None:
        """The value as a known string, else None."""
        value = self.str(key)
        return value.value if value is not None and isinstance(value.value, _Text) else None

    def is_map(self, key: _Text) -> _Flag:
        """The key holds a map (not an intrinsic standing in for one)."""
        node = self.get(key)
        return isinstance(node, MapNode) and not is_intrinsic(node)

    def map(self, key: _Text) -> Props | None:
        node = self.get(key)
        if node is None:
            return None
        if isinstance(node, MapNode) and not is_intrinsic(node):
            return Props(self.b, node)
        if not _opaque(node):
            self.b.report(f"{key} should be a map", node.loc)
        return None

    def values(self, key: _Text) -> list[V[Any]]:
        """A list property (a single value counts as a list of one), each item located."""
        node = self.get(key)
        return [] if node is None else self.list_of(node)

    def strs(self, key: _Text) -> list[V[_Text]]:
        return [self._coerce(value, to_str, "a string") for value in self.values(key)]

    def list_of(self, node: Node) -> list[V[Any]]:
        if isinstance(node, SeqNode):
            chosen = (self.b.branch(item) for item in node.items)
            resolved = (self.b.resolve(item) for item in chosen if item is not None)
            return [value for value in resolved if value.value is not None]
        value = self.b.resolve(node)
        if isinstance(value.value, list):
            return [V(item, value.loc) for item in value.value if item is not None]
        return [] if value.value is None else [value]

    def maps(self, key: _Text) -> list[Props]:
        node = self.get(key)
        if node is None:
            return []
        items = node.items if isinstance(node, SeqNode) else [node]
        result: list[Props] = []
        for item in items:
            chosen = self.b.branch(item)
            if isinstance(chosen, MapNode) and not is_intrinsic(chosen):
                result.append(Props(self.b, chosen))
            elif chosen is not None and not _opaque(chosen):
                self.b.report(f"items of {key} should be maps", chosen.loc)
        return result

    def entries(self, key: _Text) -> Iterable[tuple[_Text, Location, Node]]:
        """The (key, key location, value node) entries of a map property."""
        props = self.map(key)
        if props is None:
            return []
        return [(name, props.key_loc(name), value) for name, value in props.node.items()]

    def _coerce(self, value: V[Any], convert: Callable[[Any], Any], expected: _Text) -> V[Any]:
        if not value.known:
            return value
        converted = convert(value.value)
        if converted is None:
            self.b.report(f"expected {expected}, found {_show(value.value)}", value.loc)
            return V(Unresolved(_show(value.value), (), f"not {expected}"), value.loc)
        return V(converted, value.loc)


def _opaque(node: Node) -> bool:
    """An intrinsic in place of a structure: nothing to report, just unknown."""
    return isinstance(node, MapNode) and is_intrinsic(node)


def _show(value: Any) -> str:
    text = placeholder(value)[0] if not isinstance(value, dict) else "a map"
    return text if len(text) <= 60 else text[:57] + "..."


def to_str(value: Any) -> str | None:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str | int | float):
        return str(value)
    return None


def to_int(value: Any) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str) and value.strip().lstrip("-").isdigit():
        return int(value.strip())
    return None


def to_float(value: Any) -> float | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return float(value)
    if isinstance(value, str):
        try:
            return float(value)
        except ValueError:
            return None
    return None


def to_bool(value: Any) -> bool | None:
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.strip().lower() in ("true", "false"):
        return value.strip().lower() == "true"
    return None


def literal(value: V[Any] | None) -> str | None:
    """A known string value, else None."""
    return value.value if value is not None and isinstance(value.value, str) else None


def as_ref(value: V[Any] | None) -> Ref | None:
    return value.value if value is not None and isinstance(value.value, Ref) else None


__all__ = ["Build", "Item", "Props", "as_ref", "literal", "to_bool", "to_float", "to_int"]
