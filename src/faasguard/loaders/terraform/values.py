"""What Terraform expressions evaluate to: document nodes, with unknowns kept as such.

Known values are the ordinary position-keeping nodes (`ScalarNode`, `MapNode`, `SeqNode`), so
an object written in HCL (a ``jsonencode({...})`` policy) reads exactly like a YAML or JSON
document. A value the scan cannot know is a :class:`ValueNode` whose `unknown` is a
:class:`~faasguard.model.values.Ref` (another resource of the app) or an
:class:`~faasguard.model.values.Unresolved`. A string that holds JSON (a heredoc policy, the
result of ``jsonencode``, a policy document data source) also carries the parsed `document`.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from faasguard.core.location import Location
from faasguard.loaders.nodes import MapNode, Node, ScalarNode, SeqNode, to_plain
from faasguard.model.values import Ref, Unresolved, V

MAX_TEXT = 300


@dataclass(slots=True, eq=False)
class ValueNode(ScalarNode):
    unknown: Ref | Unresolved | None = None
    document: Node | None = None


def unknown(loc: Location, value: Ref | Unresolved, document: Node | None = None) -> ValueNode:
    return ValueNode(loc, unknown=value, document=document)


def unresolved(loc: Location, text: str, refs: tuple[str, ...] = (), reason: str = "") -> ValueNode:
    return ValueNode(loc, unknown=Unresolved(_clip(text), refs, reason))


def error(loc: Location, text: str, reason: str) -> ValueNode:
    """An expression that would fail in Terraform (a missing key...): `try` skips these."""
    return unresolved(loc, text, (), "error: " + reason)


def is_unknown(node: Node) -> bool:
    return isinstance(node, ValueNode) and node.unknown is not None


def is_error(node: Node) -> bool:
    return (
        isinstance(node, ValueNode)
        and isinstance(node.unknown, Unresolved)
        and node.unknown.reason.startswith("error")
    )


def fully_known(node: Node, budget: int = 10_000) -> bool:
    """No unknown anywhere inside (bounded walk: a huge value counts as unknown)."""
    stack = [node]
    while stack:
        budget -= 1
        if budget < 0:
            return False
        current = stack.pop()
        if is_unknown(current):
            return False
        if isinstance(current, MapNode):
            stack.extend(current.entries.values())
        elif isinstance(current, SeqNode):
            stack.extend(current.items)
    return True


def refs_of(node: Node, budget: int = 10_000) -> tuple[str, ...]:
    """The resources an (unknown) value mentions, in order of appearance."""
    found: dict[str, None] = {}
    stack = [node]
    while stack and budget > 0:
        budget -= 1
        current = stack.pop()
        if isinstance(current, ValueNode) and current.unknown is not None:
            value = current.unknown
            targets = (value.target,) if isinstance(value, Ref) else value.refs
            found.update(dict.fromkeys(targets))
        elif isinstance(current, MapNode):
            stack.extend(reversed(list(current.entries.values())))
        elif isinstance(current, SeqNode):
            stack.extend(reversed(current.items))
    return tuple(found)


def to_v(node: Node) -> V[Any]:
    """A node as a model value (the `Resolve` callable policy readers take)."""
    if isinstance(node, ValueNode) and node.unknown is not None:
        return V(node.unknown, node.loc)
    if isinstance(node, ScalarNode):
        return V(node.value, node.loc)
    return V(Unresolved(_clip(plain_text(node)), refs_of(node), "a structure"), node.loc)


def plain_text(node: Node) -> str:
    """A readable rendering of any value (JSON for known structures)."""
    if isinstance(node, ValueNode) and node.unknown is not None:
        return str(node.unknown)
    if isinstance(node, ScalarNode):
        value = node.value
        return value if isinstance(value, str) else json.dumps(value)
    return json.dumps(plain(node), separators=(",", ":"))


def plain(node: Node) -> object:
    if isinstance(node, ValueNode) and node.unknown is not None:
        text = str(node.unknown)
        return text if "${" in text else "${" + text + "}"
    if isinstance(node, MapNode):
        return {key: plain(value) for key, value in node.items()}
    if isinstance(node, SeqNode):
        return [plain(item) for item in node.items]
    return to_plain(node)


def scalar_text(node: Node) -> str | None:
    """A known scalar as Terraform converts it to a string; None otherwise."""
    if not isinstance(node, ScalarNode) or is_unknown(node):
        return None
    value = node.value
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    if value is None:
        return None
    return str(value)


def _clip(text: str) -> str:
    return text if len(text) <= MAX_TEXT else text[: MAX_TEXT - 3] + "..."


__all__ = [
    "ValueNode",
    "error",
    "fully_known",
    "is_error",
    "is_unknown",
    "plain",
    "plain_text",
    "refs_of",
    "scalar_text",
    "to_v",
    "unknown",
    "unresolved",
]
