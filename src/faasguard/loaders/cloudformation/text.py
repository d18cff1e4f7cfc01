"""Small text helpers for intrinsics: ``Fn::Sub`` placeholders and partly known strings."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from typing import Any

from faasguard.loaders.nodes import MapNode
from faasguard.model.values import Ref, Unresolved

PSEUDO_PARAMETERS = frozenset(
    {
        "AWS::AccountId",
        "AWS::NotificationARNs",
        "AWS::NoValue",
        "AWS::Partition",
        "AWS::Region",
        "AWS::StackId",
        "AWS::StackName",
        "AWS::URLSuffix",
    }
)

INTERNAL_TAG = "!faasguard:missing"
"""Tag of a scalar the loader builds for a missing SAM template parameter: resolves to
Unresolved without a second report."""

_PLACEHOLDER = re.compile(r"\$\{([^}]*)\}")


def is_intrinsic(node: MapNode) -> bool:
    """A one-key map whose key is ``Ref``, ``Condition`` or ``Fn::...``."""
    if len(node) != 1:
        return False
    key = next(iter(node))
    return key in ("Ref", "Condition") or key.startswith("Fn::")


def sub_parts(text: str) -> Iterator[tuple[str, str | None]]:
    """``Fn::Sub`` text as (literal, variable name or None) pairs; ``${!x}`` is the literal
    ``${x}``."""
    position = 0
    for match in _PLACEHOLDER.finditer(text):
        literal = text[position : match.start()]
        name = match.group(1).strip()
        position = match.end()
        if name.startswith("!"):
            yield literal + "${" + name[1:] + "}", None
        else:
            yield literal, name
    if position < len(text):
        yield text[position:], None


def placeholder(value: Any) -> tuple[str, tuple[str, ...]]:
    """A value as text inside a larger string, and the resources it mentions."""
    if isinstance(value, Ref):
        return "${" + str(value) + "}", (value.target,)
    if isinstance(value, Unresolved):
        return value.text, value.refs
    if isinstance(value, bool):
        return ("true" if value else "false"), ()
    if value is None:
        return "", ()
    if isinstance(value, list):
        return join_text(value, ",")
    return str(value), ()


def join_text(values: Sequence[Any], delimiter: str) -> tuple[str, tuple[str, ...]]:
    texts: list[str] = []
    refs: list[str] = []
    for value in values:
        text, mentioned = placeholder(value)
        texts.append(text)
        refs.extend(mentioned)
    return delimiter.join(texts), tuple(dict.fromkeys(refs))


def join_parts(values: Sequence[Any], delimiter: str) -> str | Unresolved:
    """The values joined: a string when all are known, else Unresolved with placeholders."""
    present = [value for value in values if value is not None]
    if all(_known_scalar(value) for value in present):
        return delimiter.join(placeholder(value)[0] for value in present)
    text, refs = join_text(present, delimiter)
    return Unresolved(text, refs, "depends on values known at deploy time")


def _known_scalar(value: Any) -> bool:
    return isinstance(value, str | int | float | bool)


__all__ = [
    "INTERNAL_TAG",
    "PSEUDO_PARAMETERS",
    "is_intrinsic",
    "join_parts",
    "join_text",
    "placeholder",
    "sub_parts",
]
