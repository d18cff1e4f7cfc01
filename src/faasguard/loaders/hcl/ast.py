"""The HCL2 syntax tree: bodies (attributes and blocks) and expressions, each with its location.

Native ``.tf`` files and ``.tf.json`` files both become these nodes; a body read from JSON has
``json=True`` and turns object-valued attributes into blocks on demand (Terraform's JSON syntax
does not say which is which; the reader of a block does).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from faasguard.core.location import Location

Literal = str | int | float | bool | None


@dataclass(frozen=True, slots=True)
class Expr:
    loc: Location


@dataclass(frozen=True, slots=True)
class LiteralExpr(Expr):
    """A number, bool, null, or a bare identifier used as an object key (a string)."""

    value: Literal


@dataclass(frozen=True, slots=True)
class TemplateExpr(Expr):
    """A quoted string or heredoc: literal text parts and interpolated expressions.

    `raw` and `raw_line` are the heredoc content exactly as written and its first line, so that
    JSON inside a heredoc can be read with positions in the .tf file."""

    parts: tuple[str | Expr, ...]
    heredoc: bool = False
    raw: str | None = None
    raw_line: int = 0


@dataclass(frozen=True, slots=True)
class TemplateIf(Expr):
    condition: Expr
    then: TemplateExpr
    otherwise: TemplateExpr | None = None


@dataclass(frozen=True, slots=True)
class TemplateFor(Expr):
    key_var: str | None
    value_var: str
    collection: Expr
    body: TemplateExpr


@dataclass(frozen=True, slots=True)
class VariableExpr(Expr):
    """The root of a traversal: `var`, `local`, `aws_s3_bucket`, a for-expression variable."""

    name: str


@dataclass(frozen=True, slots=True)
class GetAttr(Expr):
    source: Expr
    name: str


@dataclass(frozen=True, slots=True)
class Index(Expr):
    source: Expr
    key: Expr


@dataclass(frozen=True, slots=True)
class AnonSymbol(Expr):
    """The current element inside a splat's `each` expression."""


@dataclass(frozen=True, slots=True)
class SplatExpr(Expr):
    """`source[*].each` or `source.*.each`; `each` is rooted at an AnonSymbol."""

    source: Expr
    each: Expr


@dataclass(frozen=True, slots=True)
class FunctionCall(Expr):
    name: str
    args: tuple[Expr, ...]
    expand_final: bool = False  # `f(list...)`


@dataclass(frozen=True, slots=True)
class Conditional(Expr):
    condition: Expr
    true: Expr
    false: Expr


@dataclass(frozen=True, slots=True)
class BinaryOp(Expr):
    op: str
    left: Expr
    right: Expr


@dataclass(frozen=True, slots=True)
class UnaryOp(Expr):
    op: str  # "-" or "!"
    operand: Expr


@dataclass(frozen=True, slots=True)
class TupleExpr(Expr):
    items: tuple[Expr, ...]


@dataclass(frozen=True, slots=True)
class ObjectItem:
    key: Expr
    value: Expr


@dataclass(frozen=True, slots=True)
class ObjectExpr(Expr):
    items: tuple[ObjectItem, ...]


@dataclass(frozen=True, slots=True)
class ForExpr(Expr):
    """`[for k, v in coll : value if cond]` or `{for k, v in coll : key => value... if cond}`."""

    key_var: str | None
    value_var: str
    collection: Expr
    value: Expr
    key: Expr | None = None  # object form only
    condition: Expr | None = None
    grouping: bool = False


@dataclass(frozen=True, slots=True)
class Attribute:
    name: str
    expr: Expr
    loc: Location  # the whole `name = expr`
    name_loc: Location


@dataclass(frozen=True, slots=True)
class Block:
    type: str
    labels: tuple[str, ...]
    body: Body
    loc: Location  # from the type name to the closing brace
    label_locs: tuple[Location, ...] = ()


@dataclass(frozen=True, slots=True)
class Body:
    attributes: dict[str, Attribute]
    blocks: tuple[Block, ...]
    loc: Location
    json: bool = False

    def attr(self, name: str) -> Attribute | None:
        return self.attributes.get(name)

    def blocks_of(self, type_: str) -> list[Block]:
        """Nested blocks of one type. In a JSON body an object (or a list of objects) under
        that name is read as the block(s)."""
        found = [block for block in self.blocks if block.type == type_]
        if self.json:
            attribute = self.attributes.get(type_)
            if attribute is not None:
                found.extend(_json_blocks(type_, attribute.expr))
        return found

    def __iter__(self) -> Iterator[Attribute | Block]:
        yield from self.attributes.values()
        yield from self.blocks


def object_body(expr: ObjectExpr) -> Body:
    """The body a JSON object stands for: each literal key an attribute."""
    attributes: dict[str, Attribute] = {}
    for item in expr.items:
        key = item.key
        name = key.value if isinstance(key, LiteralExpr) else None
        if isinstance(key, TemplateExpr) and len(key.parts) == 1 and isinstance(key.parts[0], str):
            name = key.parts[0]
        if isinstance(name, str) and name != "//":
            attributes[name] = Attribute(name, item.value, _span(key.loc, item.value.loc), key.loc)
    return Body(attributes, (), expr.loc, json=True)


def _json_blocks(type_: str, expr: Expr) -> list[Block]:
    items = expr.items if isinstance(expr, TupleExpr) else (expr,)
    return [
        Block(type_, (), object_body(item), item.loc)
        for item in items
        if isinstance(item, ObjectExpr)
    ]


def _span(start: Location, end: Location) -> Location:
    return Location(start.path, start.start_line, start.start_column, end.end_line, end.end_column)


__all__ = [
    "AnonSymbol",
    "Attribute",
    "BinaryOp",
    "Block",
    "Body",
    "Conditional",
    "Expr",
    "ForExpr",
    "FunctionCall",
    "GetAttr",
    "Index",
    "Literal",
    "LiteralExpr",
    "ObjectExpr",
    "ObjectItem",
    "SplatExpr",
    "TemplateExpr",
    "TemplateFor",
    "TemplateIf",
    "TupleExpr",
    "UnaryOp",
    "VariableExpr",
    "object_body",
]
