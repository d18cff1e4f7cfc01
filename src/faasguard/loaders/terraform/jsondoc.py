"""JSON held in Terraform strings (heredoc policies, ``file()`` contents, literal strings) read
into document nodes, with positions in the file the JSON was written in where that is possible.
"""

from __future__ import annotations

from faasguard.core.location import Location
from faasguard.loaders.errors import ParseError
from faasguard.loaders.nodes import MapNode, Node, ScalarNode, SeqNode
from faasguard.loaders.yamlread import read_yaml


def looks_like_json(text: str) -> bool:
    stripped = text.lstrip()
    return stripped.startswith(("{", "["))


def parse_json_at(text: str, path: str, first_line: int) -> Node | None:
    """`text` as JSON, positions counted as if it started at column 1 of `first_line` of
    `path`; None when it is not JSON. Tabs count as one column, as everywhere else."""
    padded = "\n" * max(first_line - 1, 0) + text.replace("\t", " ")
    try:
        node = read_yaml(padded, path, json_mode=True)
    except ParseError:
        return None
    return node if isinstance(node, MapNode | SeqNode) else None


def relocated(node: Node, loc: Location) -> Node:
    """A copy of `node` whose every position is `loc` (JSON inside an escaped string, where
    positions inside the string cannot be mapped back to the file)."""
    if isinstance(node, MapNode):
        entries = {key: relocated(value, loc) for key, value in node.items()}
        return MapNode(loc, node.tag, entries, dict.fromkeys(entries, loc))
    if isinstance(node, SeqNode):
        return SeqNode(loc, node.tag, [relocated(item, loc) for item in node.items])
    assert isinstance(node, ScalarNode)
    return ScalarNode(loc, node.tag, node.value)


def parse_json_string(text: str, loc: Location) -> Node | None:
    """JSON in a quoted string or computed value: every position is the string's."""
    node = parse_json_at(text, loc.path, 1)
    return relocated(node, loc) if node is not None else None


__all__ = ["looks_like_json", "parse_json_at", "parse_json_string", "relocated"]
