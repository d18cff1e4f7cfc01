"""The node a serverless.yml variable becomes when the scan cannot know its value."""

from __future__ import annotations

from dataclasses import dataclass, field

from faasguard.core.location import Location
from faasguard.loaders.nodes import ScalarNode
from faasguard.model.values import Unresolved

VARIABLE_TAG = "!serverless-variable"


@dataclass(slots=True, eq=False)
class VarNode(ScalarNode):
    """An unknown value (``${ssm:...}``, an option not given...). `value` keeps the text as
    written; the tag keeps it from looking like a literal to code that checks for one."""

    unresolved: Unresolved = field(default_factory=lambda: Unresolved(""))


def unresolved_node(loc: Location, text: str, reason: str) -> VarNode:
    return VarNode(loc, tag=VARIABLE_TAG, value=text, unresolved=Unresolved(text, (), reason))


def scalar_text(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return "null" if value is None else str(value)


__all__ = ["VARIABLE_TAG", "VarNode", "scalar_text", "unresolved_node"]
