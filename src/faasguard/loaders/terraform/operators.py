"""HCL's operators over known values; anything unknown stays unknown."""

from __future__ import annotations

from faasguard.loaders.nodes import MapNode, Node, ScalarNode, SeqNode
from faasguard.loaders.terraform.values import fully_known, is_unknown, plain

UNKNOWN = object()
FAILED = object()


def as_bool(node: Node) -> bool | None:
    """A known boolean (Terraform converts "true"/"false" strings); None otherwise."""
    if not isinstance(node, ScalarNode) or is_unknown(node):
        return None
    value = node.value
    if isinstance(value, bool):
        return value
    if value in ("true", "false"):
        return value == "true"
    return None


def as_number(node: Node) -> int | float | None:
    if not isinstance(node, ScalarNode) or is_unknown(node):
        return None
    value = node.value
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int | float):
        return value
    try:
        number = float(value)
    except ValueError:
        return None
    return int(number) if number.is_integer() and "." not in value else number


def binary(op: str, left: Node, right: Node) -> object:
    if op in ("==", "!="):
        if not (fully_known(left) and fully_known(right)):
            return UNKNOWN
        same = _comparable(left) == _comparable(right)
        return same if op == "==" else not same
    if is_unknown(left) or is_unknown(right):
        return UNKNOWN
    if op in ("&&", "||"):
        a, b = as_bool(left), as_bool(right)
        if a is None or b is None:
            return FAILED
        return (a and b) if op == "&&" else (a or b)
    x, y = as_number(left), as_number(right)
    if x is None or y is None:
        return FAILED
    return _arithmetic(op, x, y)


def _arithmetic(op: str, x: float, y: float) -> object:
    if op in ("/", "%") and y == 0:
        return FAILED
    result: object
    if op == "+":
        result = x + y
    elif op == "-":
        result = x - y
    elif op == "*":
        result = x * y
    elif op == "/":
        result = x / y
    elif op == "%":
        result = x % y
    else:
        return {"<": x < y, "<=": x <= y, ">": x > y, ">=": x >= y}.get(op, FAILED)
    if isinstance(result, float) and result.is_integer():
        return int(result)
    return result


def unary(op: str, operand: Node) -> object:
    if is_unknown(operand):
        return UNKNOWN
    if op == "!":
        flag = as_bool(operand)
        return FAILED if flag is None else not flag
    number = as_number(operand)
    return FAILED if number is None else -number


def _comparable(node: Node) -> object:
    if isinstance(node, MapNode | SeqNode):
        return plain(node)
    assert isinstance(node, ScalarNode)
    return node.value


__all__ = ["FAILED", "UNKNOWN", "as_bool", "as_number", "binary", "unary"]
