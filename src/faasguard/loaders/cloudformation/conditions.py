"""Template conditions folded from parameter defaults, in three-valued logic.

A condition is True or False when every parameter it reads has a default (the values a plain
``deploy`` would use), and None (undecidable) when it reads a pseudo parameter, a parameter
without default, an import... A condition that names itself, directly or not, is reported.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from faasguard.core.location import Location
from faasguard.loaders.base import LoadContext
from faasguard.loaders.nodes import MapNode, Node, ScalarNode, SeqNode
from faasguard.model.values import Ref, Unresolved

if TYPE_CHECKING:
    from faasguard.loaders.cloudformation.resolver import CfnResolver

CONDITION_FUNCTIONS = frozenset({"Fn::Equals", "Fn::And", "Fn::Or", "Fn::Not", "Condition"})


class Conditions:
    def __init__(self, nodes: Mapping[str, Node], resolver: CfnResolver, ctx: LoadContext) -> None:
        self.nodes = nodes
        self.resolver = resolver
        self.ctx = ctx
        self.memo: dict[str, bool | None] = {}
        self.active: set[str] = set()

    def named(self, name: str, at: Location) -> bool | None:
        if name in self.memo:
            return self.memo[name]
        node = self.nodes.get(name)
        if node is None:
            self.ctx.report(f"condition {name!r} is not defined", at)
            self.memo[name] = None
            return None
        if name in self.active:
            self.ctx.report(f"condition {name!r} depends on itself", at)
            return None
        self.active.add(name)
        try:
            result = self.decide(node)
        finally:
            self.active.discard(name)
        self.memo[name] = result
        return result

    def decide(self, node: Node) -> bool | None:
        """A condition expression (or a condition name, as in ``Fn::If``'s first item)."""
        if isinstance(node, ScalarNode):
            if isinstance(node.value, bool):
                return node.value
            if isinstance(node.value, str):
                return self.named(node.value, node.loc)
            return None
        if not isinstance(node, MapNode) or len(node) != 1:
            return None
        name, arg = next(iter(node.items()))
        if name == "Condition":
            return self.decide(arg)
        if name == "Fn::Not":
            items = _items(arg)
            inner = self.decide(items[0]) if len(items) == 1 else None
            return None if inner is None else not inner
        if name in ("Fn::And", "Fn::Or"):
            return _combine(name, [self.decide(item) for item in _items(arg)])
        if name == "Fn::Equals":
            return self._equals(arg)
        value = self.resolver(node).value
        return bool(value) if isinstance(value, bool) else None

    def _equals(self, arg: Node) -> bool | None:
        items = _items(arg)
        if len(items) != 2:
            self.ctx.report("Fn::Equals needs two values", arg.loc)
            return None
        left, right = (self.resolver(item).value for item in items)
        if not (_known(left) and _known(right)):
            return None
        return bool(_normal(left) == _normal(right))


def _items(node: Node) -> list[Node]:
    return list(node.items) if isinstance(node, SeqNode) else []


def _combine(name: str, values: list[bool | None]) -> bool | None:
    if name == "Fn::And":
        if any(value is False for value in values):
            return False
        return None if any(value is None for value in values) else True
    if any(value is True for value in values):
        return True
    return None if any(value is None for value in values) else False


def _known(value: Any) -> bool:
    if isinstance(value, Ref | Unresolved):
        return False
    if isinstance(value, list):
        return all(_known(item) for item in value)
    return not isinstance(value, dict)


def _normal(value: Any) -> Any:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return [_normal(item) for item in value]
    return str(value) if value is not None else ""


__all__ = ["CONDITION_FUNCTIONS", "Conditions"]
