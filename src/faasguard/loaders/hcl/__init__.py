"""A hand-written HCL2 parser (native syntax and Terraform's JSON syntax) that keeps positions.

``parse_hcl(text, path)`` and ``parse_tf_json(text, path)`` return a :class:`Body` whose
attributes, blocks and expressions each carry a :class:`~faasguard.core.location.Location`;
syntax errors raise :class:`~faasguard.loaders.errors.ParseError` at the offending token.
"""

from faasguard.loaders.hcl.ast import (
    AnonSymbol,
    Attribute,
    BinaryOp,
    Block,
    Body,
    Conditional,
    Expr,
    ForExpr,
    FunctionCall,
    GetAttr,
    Index,
    LiteralExpr,
    ObjectExpr,
    ObjectItem,
    SplatExpr,
    TemplateExpr,
    TemplateFor,
    TemplateIf,
    TupleExpr,
    UnaryOp,
    VariableExpr,
)
from faasguard.loaders.hcl.jsonsyntax import parse_tf_json
from faasguard.loaders.hcl.parser import MAX_DEPTH, parse_hcl, parse_template

__all__ = [
    "MAX_DEPTH",
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
    "parse_hcl",
    "parse_template",
    "parse_tf_json",
]
