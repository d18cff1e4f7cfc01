"""Operators over abstract values: string building, folding of constants, comparisons.

`+`, `%` and `/` carry the taint of both operands (and the constant prefix of a string, which
tells a URL with a fixed host from one whose host comes from input); operations on constants
are folded, so `if DEBUG:` with `DEBUG = False` selects its branch statically.
"""

from __future__ import annotations

import ast
import operator
from collections.abc import Callable
from typing import Any

from faasguard.analysis.python.values import (
    CLEAN,
    NOTHING,
    Value,
    all_labels,
    constant,
    join,
    merge_labels,
    textual,
)

_FOLD: dict[type[ast.AST], Callable[[Any, Any], Any]] = {
    ast.Eq: operator.eq,
    ast.NotEq: operator.ne,
    ast.Lt: operator.lt,
    ast.LtE: operator.le,
    ast.Gt: operator.gt,
    ast.GtE: operator.ge,
    ast.In: lambda a, b: a in b,
    ast.NotIn: lambda a, b: a not in b,
    ast.Is: operator.is_,
    ast.IsNot: operator.is_not,
}
SIMPLE = (str, int, float, bool, type(None), tuple, frozenset)
FIXED_BASE = "fixed-base"  # a string that starts with a clean value whose text is unknown


def combine(op: ast.operator, left: Value, right: Value) -> Value:
    if left.known and right.known and not left.labels and not right.labels:
        folded = _fold_binop(op, left.const, right.const)
        if folded is not NOTHING:
            return constant(folded)
    labels = textual(merge_labels(all_labels(left), all_labels(right)))
    prefix = left.prefix
    if isinstance(op, ast.Add) and isinstance(left.const, str):
        prefix = left.const + right.prefix
    elif isinstance(op, ast.Mod) and isinstance(left.const, str):
        prefix = left.const.split("%", 1)[0]
    kind = "path" if isinstance(op, ast.Div) and left.kind == "path" else ""
    if left.kind == "ddb-condition" and right.kind == "ddb-condition":
        return Value(kind="ddb-condition")
    if isinstance(op, ast.Add) and not left.tainted and (left.kind or not left.known):
        if not isinstance(left.const, str) and left.kind != "path":
            kind = FIXED_BASE  # a clean value of unknown text (a configured base URL) first
    if left.kind == FIXED_BASE:
        kind = FIXED_BASE
    return Value(labels, prefix=prefix, kind=kind)


def _fold_binop(op: ast.operator, a: object, b: object) -> object:
    try:
        if isinstance(op, ast.Add) and type(a) is type(b) and isinstance(a, str | int | float):
            result: object = a + b  # type: ignore[operator]
            return result if not isinstance(result, str) or len(result) < 4096 else NOTHING
        if isinstance(op, ast.Mod) and isinstance(a, str) and isinstance(b, str | int | tuple):
            return a % b
    except (TypeError, ValueError):
        return NOTHING
    return NOTHING


def boolean(op: ast.boolop, values: list[Value]) -> Value:
    """`a and b` / `a or b`: folded when every operand is known, else any of them."""
    if all(v.known for v in values):
        result = values[0].const
        for v in values[1:]:
            if (isinstance(op, ast.And) and not result) or (isinstance(op, ast.Or) and result):
                break
            result = v.const
        return constant(result)
    out = values[0]
    for value in values[1:]:
        out = join(out, value)
    return out


def compare(ops: list[ast.cmpop], values: list[Value]) -> Value:
    """A comparison: a constant when every operand is known, else a clean boolean."""
    if not all(v.known and isinstance(v.const, SIMPLE) for v in values):
        return CLEAN
    try:
        result = all(
            _FOLD[type(op)](values[i].const, values[i + 1].const) for i, op in enumerate(ops)
        )
    except (TypeError, KeyError):
        return CLEAN
    return constant(result)


def unary(op: ast.unaryop, value: Value) -> Value:
    if isinstance(op, ast.Not):
        return constant(not value.const) if value.known else CLEAN
    if value.kind == "ddb-condition":
        return value
    if value.known and isinstance(value.const, int | float) and isinstance(op, ast.USub):
        return constant(-value.const)
    return Value(all_labels(value))


__all__ = ["FIXED_BASE", "SIMPLE", "boolean", "combine", "compare", "unary"]
