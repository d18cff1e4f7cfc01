"""SAM ``Globals``: settings shared by every function, API, table and layer of a template.

Merged the way SAM merges them: a map merges key by key (the resource's own value wins),
a list is the global items followed by the resource's, anything else is the resource's value.
Merged values keep the location they were written at, so a finding about a global setting
points at the ``Globals`` line.
"""

from __future__ import annotations

from faasguard.loaders.cloudformation.text import is_intrinsic
from faasguard.loaders.nodes import MapNode, Node, SeqNode

SECTIONS = {
    "AWS::Serverless::Function": "Function",
    "AWS::Serverless::Api": "Api",
    "AWS::Serverless::HttpApi": "HttpApi",
    "AWS::Serverless::SimpleTable": "SimpleTable",
    "AWS::Serverless::LayerVersion": "LayerVersion",
}


def merge_globals(globals_: MapNode | None, type_: str, properties: MapNode) -> MapNode:
    """The resource's properties with its type's Globals section merged in."""
    section_name = SECTIONS.get(type_)
    if globals_ is None or section_name is None:
        return properties
    section = globals_.map(section_name)
    if section is None:
        return properties
    merged = merge(section, properties)
    return merged if isinstance(merged, MapNode) else properties


def merge(shared: Node, own: Node) -> Node:
    if _plain_map(shared) and _plain_map(own):
        assert isinstance(shared, MapNode) and isinstance(own, MapNode)
        result = MapNode(own.loc, own.tag)
        for key, value in shared.items():
            result.entries[key] = value
            result.keys[key] = shared.key_loc(key)
        for key, value in own.items():
            previous = result.entries.get(key)
            result.entries[key] = merge(previous, value) if previous is not None else value
            result.keys[key] = own.key_loc(key)
        return result
    if isinstance(shared, SeqNode) and isinstance(own, SeqNode):
        return SeqNode(own.loc, own.tag, items=[*shared.items, *own.items])
    return own


def _plain_map(node: Node) -> bool:
    return isinstance(node, MapNode) and not is_intrinsic(node)


__all__ = ["SECTIONS", "merge", "merge_globals"]
