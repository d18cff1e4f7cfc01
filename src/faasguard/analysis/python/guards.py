"""Conditions that make data safe on the branch where they hold.

``if key not in ALLOWED: return`` leaves `key` clean after the if; ``if PATTERN.fullmatch(sku)``
cleans `sku` inside the if. Recognised: allow-list membership, equality with a constant,
`isinstance` against numeric types, regular expression full matches, str predicates (isdigit...),
path containment of a canonical path (startswith, is_relative_to, commonpath), URL allow-lists
on the parsed host, and names bound to any of these (``ok = x in ALLOWED; if not ok: return``).
"""

from __future__ import annotations

import ast
import re

from faasguard.analysis.python import exprs
from faasguard.analysis.python.frame import Frame
from faasguard.analysis.python.scope import dotted
from faasguard.analysis.python.values import (
    ALL,
    Value,
    cleared,
    constant,
    get_item,
    with_field,
)

EVERYTHING = frozenset({ALL})
PATH = frozenset({"path-traversal"})
URL = frozenset({"ssrf", "open-redirect"})
REDIRECT = frozenset({"open-redirect"})
NORMALISED = "~normalised"
_PREDICATES = frozenset({"isdigit", "isdecimal", "isnumeric", "isalnum", "isalpha", "isidentifier"})
_MATCHERS = frozenset({"fullmatch", "match", "search"})
_URL_PARSERS = frozenset({"urlparse", "urlsplit", "urllib.parse.urlparse", "urllib.parse.urlsplit"})
_HOST_PARTS = frozenset({"hostname", "netloc", "host"})
_WRAPPERS = frozenset({"lower", "upper", "strip", "casefold", "lstrip", "rstrip", "title"})
_FIXED_URL = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://[^/?#@]+[/?#]")
_WEAK_PATTERN = re.compile(r"(?<!\\)\.[*+]|\\S[*+]|\[\^[^\]]*\][*+]")


def refine(frame: Frame, test: ast.expr, truth: bool) -> None:
    """Update the environment with what `test` being `truth` proves."""
    if isinstance(test, ast.BoolOp):
        if isinstance(test.op, ast.And) == truth:  # a and b true / a or b false: each holds
            for value in test.values:
                refine(frame, value, truth)
        return
    if isinstance(test, ast.UnaryOp) and isinstance(test.op, ast.Not):
        refine(frame, test.operand, not truth)
    elif isinstance(test, ast.NamedExpr):
        refine(frame, test.value, truth)
    elif isinstance(test, ast.Name):
        held = frame.checks.get(test.id)
        if held is not None:
            refine(frame, held, truth)
    elif isinstance(test, ast.Compare) and len(test.ops) == 1:
        _compare(frame, test.left, test.ops[0], test.comparators[0], truth)
    elif isinstance(test, ast.Call) and truth:
        _call(frame, test)


def _compare(frame: Frame, left: ast.expr, op: ast.cmpop, right: ast.expr, truth: bool) -> None:
    if isinstance(op, ast.In | ast.NotIn) and isinstance(op, ast.In) == truth:
        container = _peek(frame, right)
        if container is None or container.labels or isinstance(container.const, str):
            return
        if container.qual:
            return
        _allowed(frame, left)
    elif isinstance(op, ast.Eq | ast.NotEq) and isinstance(op, ast.Eq) == truth:
        left = left.target if isinstance(left, ast.NamedExpr) else left
        for one, other in ((left, right), (right, left)):
            value = _peek(frame, other)
            if value is not None and value.known and not value.labels:
                if _is_commonpath(one):
                    _contained(frame, one)
                else:
                    assign(frame, one, constant(value.const))
                return


def _allowed(frame: Frame, node: ast.expr) -> None:
    """`node` is one of a fixed set of values."""
    if isinstance(node, ast.Attribute) and node.attr in _HOST_PARTS:
        base = node.value
        if isinstance(base, ast.Call) and _callee(base) in _URL_PARSERS and base.args:
            sanitise(frame, base.args[0], URL)
            return
        if isinstance(base, ast.Name) and base.id in frame.derived:
            sanitise(frame, ast.Name(id=frame.derived[base.id]), URL)
    sanitise(frame, node, EVERYTHING)


def _call(frame: Frame, test: ast.Call) -> None:
    name = _callee(test)
    func = test.func
    if name == "isinstance" and len(test.args) == 2:
        if _safe_types(frame, test.args[1]):
            sanitise(frame, test.args[0], EVERYTHING)
        return
    if not isinstance(func, ast.Attribute):
        return
    method = func.attr
    receiver = func.value
    if method in _PREDICATES and not test.args:
        sanitise(frame, receiver, EVERYTHING)
    elif method in _MATCHERS and test.args:
        _regex_validation(frame, test, receiver, method)
    elif method == "startswith" and test.args:
        _startswith(frame, receiver, test.args[0])
    elif method == "is_relative_to":
        _contained(frame, receiver)
    elif method == "is_valid" and test.args:
        sanitise(frame, test.args[0], EVERYTHING)


def _regex_validation(frame: Frame, test: ast.Call, receiver: ast.expr, method: str) -> None:
    pattern_value = _peek(frame, receiver)
    target: ast.expr | None = test.args[0]
    pattern: object = None
    if pattern_value is not None and pattern_value.kind == "regex":
        pattern = pattern_value.const
    elif dotted(receiver) in ("re", "regex") and len(test.args) >= 2:
        given = _peek(frame, test.args[0])
        pattern = given.const if given is not None else None
        target = test.args[1]
    if not isinstance(pattern, str) or target is None or _WEAK_PATTERN.search(pattern):
        return
    anchored_end = pattern.endswith(("$", "\\Z", "\\z"))
    if (
        method == "fullmatch"
        or (method == "match" and anchored_end)
        or (method == "search" and pattern.startswith(("^", "\\A")) and anchored_end)
    ):
        sanitise(frame, target, EVERYTHING)


def _startswith(frame: Frame, receiver: ast.expr, prefix_node: ast.expr) -> None:
    prefix = _peek(frame, prefix_node)
    text = prefix.const if prefix is not None else None
    if isinstance(text, str) and _FIXED_URL.match(text):
        sanitise(frame, receiver, URL)
    elif isinstance(text, str) and text.startswith("/") and not text.startswith("//"):
        sanitise(frame, receiver, REDIRECT)
    _contained(frame, receiver)


def _contained(frame: Frame, node: ast.expr) -> None:
    """A containment check: safe from traversal when the path was made canonical first."""
    if _is_commonpath(node):
        assert isinstance(node, ast.Call)
        first = node.args[0] if node.args else None
        if isinstance(first, ast.List | ast.Tuple) and first.elts:
            for element in first.elts:
                _contained(frame, element)
        return
    value = _peek(frame, node)
    if value is None or not value.labels:
        return
    if all(NORMALISED in label.cleared for label in value.labels):
        sanitise(frame, node, PATH)


def _is_commonpath(node: ast.expr) -> bool:
    return isinstance(node, ast.Call) and _callee(node) in ("os.path.commonpath", "commonpath")


def _safe_types(frame: Frame, node: ast.expr) -> bool:
    if isinstance(node, ast.Tuple):
        return all(_safe_types(frame, element) for element in node.elts)
    return safe_annotation(frame, node)


def safe_annotation(frame: Frame, node: ast.expr) -> bool:
    """A type annotation (or isinstance class) whose values cannot carry an injection."""
    safe = frame.host.catalog.safe_types
    if isinstance(node, ast.Subscript):  # Literal[...], Optional[int], conint(...)
        base = dotted(node.value) or ""
        if base.rsplit(".", 1)[-1] == "Literal":
            return True
        if base.rsplit(".", 1)[-1] == "Optional":
            return safe_annotation(frame, node.slice)
        return False
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.BitOr):
        return all(
            (isinstance(n, ast.Constant) and n.value is None) or safe_annotation(frame, n)
            for n in (node.left, node.right)
        )
    if isinstance(node, ast.Call):
        node = node.func
    name = dotted(node) or ""
    if name in safe or name.rsplit(".", 1)[-1] in safe:
        return True
    return _is_enum(frame, name)


def _is_enum(frame: Frame, name: str) -> bool:
    cls = frame.module.classes.get(name)
    return cls is not None and any(b.rsplit(".", 1)[-1].endswith("Enum") for b in cls.base_names)


def _callee(node: ast.Call) -> str:
    return dotted(node.func) or ""


def _peek(frame: Frame, node: ast.expr) -> Value | None:
    """Evaluate a simple expression again without recording sinks twice."""
    if not isinstance(node, ast.Name | ast.Attribute | ast.Constant | ast.Subscript | ast.Call):
        if not isinstance(node, ast.Tuple | ast.List | ast.Set):
            return None
    recorded = len(frame.sinks)
    try:
        return exprs.eval_expr(frame, node)
    finally:
        del frame.sinks[recorded:]


def sanitise(frame: Frame, node: ast.expr, categories: frozenset[str]) -> None:
    """Make the value `node` refers to safe for `categories` from here on."""
    if isinstance(node, ast.NamedExpr):
        node = node.target
    if isinstance(node, ast.Call):
        inner = _wrapped(node)
        if inner is not None:
            sanitise(frame, inner, categories)
            return
    current = _peek(frame, node)
    if current is None:
        return
    assign(frame, node, cleared(current, categories))


def _wrapped(node: ast.Call) -> ast.expr | None:
    """The value inside `str(x)`, `x.lower()`, `x.get('k')`-like wrappers, if any."""
    func = node.func
    name = dotted(func) or ""
    if name in ("str", "int", "float") and len(node.args) == 1:
        return node.args[0]
    if isinstance(func, ast.Attribute) and func.attr in _WRAPPERS and not node.args:
        return func.value
    if isinstance(func, ast.Attribute) and func.attr == "get" and node.args:
        key = node.args[0]
        if isinstance(key, ast.Constant) and isinstance(key.value, str):
            return ast.Subscript(value=func.value, slice=key, ctx=ast.Load())
    return None


def assign(frame: Frame, node: ast.expr, value: Value) -> None:
    """Store `value` where `node` (a name, `name.attr`, `name['key']`) refers to."""
    if isinstance(node, ast.NamedExpr):
        node = node.target
    if isinstance(node, ast.Name):
        frame.env[node.id] = value
        return
    key: str | None = None
    base_node: ast.expr | None = None
    if isinstance(node, ast.Attribute):
        key, base_node = f".{node.attr}", node.value
    elif isinstance(node, ast.Subscript) and isinstance(node.slice, ast.Constant):
        raw = node.slice.value
        key = raw if isinstance(raw, str) else f"#{raw}" if isinstance(raw, int) else None
        base_node = node.value
    elif isinstance(node, ast.Call):
        inner = _wrapped(node)
        if inner is not None and not value.labels:
            assign(frame, inner, value)
        return
    if key is None or base_node is None:
        return
    base = _peek(frame, base_node)
    if base is None or base.qual:
        return
    if base.fields is None or key not in base.fields:
        base = with_field(base, key, get_item(base, key))
    assign(frame, base_node, with_field(base, key, value))


__all__ = ["assign", "refine", "safe_annotation", "sanitise"]
