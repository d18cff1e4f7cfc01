"""Terraform's JSON syntax (``*.tf.json``) read into the same syntax tree as native files.

The JSON is read with the project's safe reader (positions kept, depth and size bounded). The
top-level keys follow the block types' label counts (``resource`` and ``data`` take two,
``module``/``variable``/``output``/``provider`` one, ``locals``/``terraform`` none); every string
is a template, as in Terraform; below the top level, an object may be a block or an object
value, and :meth:`Body.blocks_of` decides when a reader asks for blocks.
"""

from __future__ import annotations

from faasguard.core.location import Location
from faasguard.loaders.errors import ParseError
from faasguard.loaders.hcl.ast import (
    Block,
    Body,
    Expr,
    LiteralExpr,
    ObjectExpr,
    ObjectItem,
    TemplateExpr,
    TupleExpr,
    object_body,
)
from faasguard.loaders.hcl.parser import parse_template
from faasguard.loaders.nodes import MapNode, Node, ScalarNode, SeqNode
from faasguard.loaders.yamlread import read_yaml

LABELS = {
    "resource": 2,
    "data": 2,
    "module": 1,
    "variable": 1,
    "output": 1,
    "provider": 1,
    "check": 1,
    "locals": 0,
    "terraform": 0,
    "moved": 0,
    "import": 0,
    "removed": 0,
}
_LITERAL_BLOCKS = ("variable",)  # a variable's default is a value, not a template


def parse_tf_json(text: str, path: str) -> Body:
    """The body of one ``.tf.json`` file. Raises ParseError."""
    root = read_yaml(text, path, json_mode=True)
    if root is None:
        return Body({}, (), Location.file(path), json=True)
    if not isinstance(root, MapNode):
        raise ParseError("a .tf.json file must hold a JSON object", root.loc)
    blocks: list[Block] = []
    for type_, value in root.items():
        if type_ == "//":
            continue
        count = LABELS.get(type_)
        if count is None:
            raise ParseError(f"unknown top-level block type {type_!r}", root.key_loc(type_))
        literal = type_ in _LITERAL_BLOCKS
        blocks.extend(_blocks(type_, value, count, (), (), literal))
    return Body({}, tuple(blocks), root.loc, json=True)


def _blocks(
    type_: str,
    node: Node,
    labels_left: int,
    labels: tuple[str, ...],
    label_locs: tuple[Location, ...],
    literal: bool,
) -> list[Block]:
    if labels_left == 0:
        items = node.items if isinstance(node, SeqNode) else [node]
        found: list[Block] = []
        for item in items:
            if not isinstance(item, MapNode):
                raise ParseError(f"a {type_} block must be a JSON object", item.loc)
            body = object_body(_object(item, literal))
            found.append(Block(type_, labels, body, item.loc, label_locs))
        return found
    if not isinstance(node, MapNode):
        raise ParseError(f"expected an object of {type_} labels", node.loc)
    result: list[Block] = []
    for label, inner in node.items():
        if label == "//":
            continue
        loc = node.key_loc(label)
        result.extend(
            _blocks(type_, inner, labels_left - 1, (*labels, label), (*label_locs, loc), literal)
        )
    return result


def json_expr(node: Node, literal: bool = False) -> Expr:
    """A JSON value as an expression: strings are templates unless `literal`."""
    if isinstance(node, MapNode):
        return _object(node, literal)
    if isinstance(node, SeqNode):
        return TupleExpr(node.loc, tuple(json_expr(item, literal) for item in node.items))
    assert isinstance(node, ScalarNode)
    value = node.value
    if not isinstance(value, str):
        return LiteralExpr(node.loc, value)
    if literal or ("${" not in value and "%{" not in value):
        return TemplateExpr(node.loc, (value,) if value else ())
    template = parse_template(value, node.loc.path, node.loc.start_line, node.loc.start_column + 1)
    return TemplateExpr(node.loc, template.parts)


def _object(node: MapNode, literal: bool) -> ObjectExpr:
    items = tuple(
        ObjectItem(LiteralExpr(node.key_loc(key), key), json_expr(value, literal))
        for key, value in node.items()
        if key != "//"
    )
    return ObjectExpr(node.loc, items)


__all__ = ["LABELS", "json_expr", "parse_tf_json"]
