"""Typed, located reading of serverless.yml settings (after variables are expanded).

Every accessor returns a model value with the location it was read from, or None when the key
is absent or null. A value of the wrong shape (a list where a map belongs, text where a number
belongs) is reported with ``ctx.report`` and read as unknown, never guessed; an unknown value
(an unresolved variable, a CloudFormation intrinsic) is passed on as unknown without a report.
"""

from __future__ import annotations

import builtins
from collections.abc import Callable, Iterator
from typing import Any

from faasguard.core.location import Location
from faasguard.loaders.base import LoadContext, Resolve
from faasguard.loaders.nodes import MapNode, Node, ScalarNode, SeqNode
from faasguard.loaders.serverless.varnode import VarNode, scalar_text
from faasguard.model.values import Unresolved, V


class Cfg:
    """One map of settings (`provider`, a function, an event...)."""

    __slots__ = ("ctx", "node", "resolve")

    def __init__(self, node: MapNode, resolve: Resolve, ctx: LoadContext) -> None:
        self.node = node
        self.resolve = resolve
        self.ctx = ctx

    @property
    def loc(self) -> Location:
        return self.node.loc

    def key_loc(self, key: builtins.str) -> Location:
        return self.node.key_loc(key)

    def get(self, key: builtins.str) -> Node | None:
        node = self.node.get(key)
        if isinstance(node, ScalarNode) and node.value is None and not isinstance(node, VarNode):
            return None
        return node

    def has(self, key: builtins.str) -> builtins.bool:
        return self.get(key) is not None

    def value(self, key: builtins.str) -> V[Any] | None:
        node = self.get(key)
        return None if node is None else self.resolve(node)

    def str(self, key: builtins.str) -> V[builtins.str] | None:
        return self._typed(key, _to_str, "a string")

    def int(self, key: builtins.str) -> V[builtins.int] | None:
        return self._typed(key, _to_int, "a whole number")

    def float(self, key: builtins.str) -> V[builtins.float] | None:
        return self._typed(key, _to_float, "a number")

    def bool(self, key: builtins.str) -> V[builtins.bool] | None:
        return self._typed(key, _to_bool, "true or false")

    def text(self, key: builtins.str) -> builtins.str | None:
        """The setting as known text, else None."""
        value = self.str(key)
        if value is not None and isinstance(value.value, builtins.str):
            return value.value
        return None

    def flag(self, key: builtins.str) -> builtins.bool:
        """True only when the setting is known to be true."""
        value = self.bool(key)
        return value is not None and value.value is True

    def map(self, key: builtins.str) -> Cfg | None:
        node = self.get(key)
        if node is None:
            return None
        if isinstance(node, MapNode) and not is_intrinsic(node):
            return Cfg(node, self.resolve, self.ctx)
        if not is_opaque(node):
            self.ctx.report(f"{key} should be a map", node.loc)
        return None

    def items(self, key: builtins.str) -> list[Node]:
        """The items of a list setting (a single value counts as a list of one)."""
        node = self.get(key)
        if node is None:
            return []
        return list(node.items) if isinstance(node, SeqNode) else [node]

    def values(self, key: builtins.str) -> list[V[Any]]:
        result: list[V[Any]] = []
        for item in self.items(key):
            value = self.resolve(item)
            if isinstance(value.value, list) and isinstance(item, MapNode):
                result.extend(V(part, value.loc) for part in value.value)
            elif value.value is not None:
                result.append(value)
        return result

    def strs(self, key: builtins.str) -> list[V[builtins.str]]:
        return [self.coerce(value, _to_str, "a string") for value in self.values(key)]

    def entries(self, key: builtins.str) -> Iterator[tuple[builtins.str, Location, Node]]:
        """(name, name location, value node) of a map setting."""
        sub = self.map(key)
        if sub is not None:
            for name, value in sub.node.items():
                yield name, sub.key_loc(name), value

    def sub(self, node: MapNode) -> Cfg:
        return Cfg(node, self.resolve, self.ctx)

    def _typed(
        self, key: builtins.str, convert: Callable[[Any], Any], expected: builtins.str
    ) -> V[Any] | None:
        value = self.value(key)
        return None if value is None else self.coerce(value, convert, expected)

    def coerce(
        self, value: V[Any], convert: Callable[[Any], Any], expected: builtins.str
    ) -> V[Any]:
        if not value.known:
            return value
        converted = convert(value.value)
        if converted is None:
            shown = "a map" if isinstance(value.value, dict) else scalar_text(value.value)[:60]
            self.ctx.report(f"expected {expected}, found {shown}", value.loc)
            return V(Unresolved(shown, (), f"not {expected}"), value.loc)
        return V(converted, value.loc)


def is_intrinsic(node: MapNode) -> bool:
    if len(node) != 1:
        return False
    key = next(iter(node))
    return key in ("Ref", "Condition") or key.startswith("Fn::")


def is_opaque(node: Node) -> bool:
    """A value that is unknown rather than misshapen: a variable or an intrinsic."""
    return isinstance(node, VarNode) or (isinstance(node, MapNode) and is_intrinsic(node))


def _to_str(value: Any) -> str | None:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value) if isinstance(value, str | int | float) else None


def _to_int(value: Any) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str) and value.strip().lstrip("-").isdigit():
        return int(value.strip())
    return None


def _to_float(value: Any) -> float | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return float(value)
    try:
        return float(value) if isinstance(value, str) else None
    except ValueError:
        return None


def _to_bool(value: Any) -> bool | None:
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.strip().lower() in ("true", "false"):
        return value.strip().lower() == "true"
    return None


to_str = _to_str

__all__ = ["Cfg", "is_intrinsic", "is_opaque", "to_str"]
