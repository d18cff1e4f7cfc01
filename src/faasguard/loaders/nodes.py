"""A document tree that remembers where every key and value came from.

YAML and JSON files (and the data parts of HCL) are read into these nodes; loaders build the
application model from them, so every model value keeps its file, line and column.
CloudFormation short-form tags (``!Ref x``) are turned into their long form
(``{"Ref": "x"}``) by the reader, so loaders see one shape only.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from faasguard.core.location import Location

Scalar = str | int | float | bool | None


@dataclass(slots=True, eq=False)
class Node:
    loc: Location
    tag: str | None = None  # a YAML tag that is not a CloudFormation intrinsic, kept as read


@dataclass(slots=True, eq=False)
class ScalarNode(Node):
    value: Scalar = None


@dataclass(slots=True, eq=False)
class SeqNode(Node):
    items: list[Node] = field(default_factory=list)

    def __iter__(self) -> Iterator[Node]:
        return iter(self.items)

    def __len__(self) -> int:
        return len(self.items)


@dataclass(slots=True, eq=False)
class MapNode(Node):
    """A mapping with string keys. `keys` holds each key's own location."""

    entries: dict[str, Node] = field(default_factory=dict)
    keys: dict[str, Location] = field(default_factory=dict)

    def get(self, key: str) -> Node | None:
        return self.entries.get(key)

    def __contains__(self, key: object) -> bool:
        return key in self.entries

    def __iter__(self) -> Iterator[str]:
        return iter(self.entries)

    def __len__(self) -> int:
        return len(self.entries)

    def items(self) -> Iterator[tuple[str, Node]]:
        return iter(self.entries.items())

    def key_loc(self, key: str) -> Location:
        return self.keys.get(key, self.loc)

    def map(self, key: str) -> MapNode | None:
        node = self.entries.get(key)
        return node if isinstance(node, MapNode) else None

    def seq(self, key: str) -> SeqNode | None:
        node = self.entries.get(key)
        return node if isinstance(node, SeqNode) else None

    def scalar(self, key: str) -> ScalarNode | None:
        node = self.entries.get(key)
        return node if isinstance(node, ScalarNode) else None

    def str(self, key: str) -> str | None:
        """The value under `key` when it is a plain scalar, as text; else None."""
        node = self.scalar(key)
        if node is None or node.value is None:
            return None
        value = node.value
        if isinstance(value, bool):
            return "true" if value else "false"
        return str(value)


def to_plain(node: Node) -> object:
    """The node as plain Python data (dicts, lists, scalars), positions dropped."""
    if isinstance(node, MapNode):
        return {key: to_plain(value) for key, value in node.entries.items()}
    if isinstance(node, SeqNode):
        return [to_plain(item) for item in node.items]
    assert isinstance(node, ScalarNode)
    return node.value


def walk(node: Node) -> Iterator[Node]:
    """Every node of the tree, depth first, the root included."""
    stack = [node]
    while stack:
        current = stack.pop()
        yield current
        if isinstance(current, MapNode):
            stack.extend(reversed(list(current.entries.values())))
        elif isinstance(current, SeqNode):
            stack.extend(reversed(current.items))


__all__ = ["MapNode", "Node", "Scalar", "ScalarNode", "SeqNode", "to_plain", "walk"]
