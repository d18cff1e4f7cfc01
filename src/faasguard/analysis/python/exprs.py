"""Expressions: from an AST node and the frame's environment to an abstract value.

Taint follows data: string building (`+`, `%`, f-strings), containers (with constant keys and
indexes kept apart), reads of keys and attributes (which extend the source field's path), and
comprehensions. Constants are folded where that is cheap, so a branch that cannot run is skipped.
"""

from __future__ import annotations

import ast
from collections.abc import Callable
from typing import Any

from faasguard.analysis.python import calls, guards, operators
from faasguard.analysis.python.frame import Frame
from faasguard.analysis.python.scope import member_ref
from faasguard.analysis.python.values import (
    CLEAN,
    NOTHING,
    STRUCTURED,
    Label,
    Origin,
    OriginKind,
    Value,
    all_labels,
    bounded_fields,
    cleared,
    constant,
    get_item,
    join,
    labelled,
    merge_labels,
    textual,
)

Eval = Callable[[Frame, Any], Value]


def eval_expr(frame: Frame, node: ast.expr) -> Value:
    frame.spend()
    handler = _DISPATCH.get(type(node))
    return handler(frame, node) if handler is not None else CLEAN


def lookup(frame: Frame, name: str) -> Value:
    value = frame.env.get(name)
    if value is not None:
        return value
    module = frame.module
    if frame.function is not None:
        value = frame.host.globals_of(module).get(name)
        if value is not None:
            return value
    if name in module.functions:
        return Value(qual=f"fn:{module.functions[name].key}")
    if name in module.classes:
        return Value(qual=f"cls:{module.classes[name].key}")
    dotted = module.imports.get(name)
    if dotted is not None:
        return qualified(frame, frame.host.resolver.resolve(dotted, module), None)
    return Value(qual=name)


def qualified(frame: Frame, qual: str, node: ast.AST | None) -> Value:
    """The value a qualified name stands for: a request object for known request globals."""
    spec = frame.host.catalog.globals.get(qual)
    if spec is None:
        return Value(qual=qual)
    root = frame.host.source_root(spec, frame.module, qual.rsplit(".", 1)[-1], "global")
    step = frame.step(node, f"source: {spec.field}") if node is not None else None
    return labelled(Origin(OriginKind.EVENT, root), step)


def qual_attribute(frame: Frame, qual: str, attr: str, node: ast.AST) -> Value:
    host = frame.host
    if qual.startswith("mod:"):
        module = host.module(qual[4:])
        ref = member_ref(module, [attr]) if module is not None else None
        if ref is None:
            return CLEAN
        if ref.startswith("glob:"):
            assert module is not None
            return host.globals_of(module).get(attr, CLEAN)
        return Value(qual=ref)
    if qual.startswith("cls:"):
        cls = host.class_info(qual[4:])
        if cls is not None and attr in cls.methods:
            return Value(qual=f"fn:{cls.methods[attr].key}")
        return CLEAN
    if qual.startswith(("fn:", "glob:")):
        return CLEAN
    return qualified(frame, f"{qual}.{attr}", node)


def _name(frame: Frame, node: ast.Name) -> Value:
    return lookup(frame, node.id)


def _constant(frame: Frame, node: ast.Constant) -> Value:
    return constant(node.value)


def _attribute(frame: Frame, node: ast.Attribute) -> Value:
    base = eval_expr(frame, node.value)
    attr = node.attr
    if base.qual:
        return qual_attribute(frame, base.qual, attr, node)
    catalog = frame.host.catalog
    spec = catalog.object_attributes.get((base.kind, attr))
    if spec is not None:
        root = frame.host.source_root(spec, frame.module, attr, "global")
        return labelled(Origin(OriginKind.EVENT, root), frame.step(node, f"source: {spec.field}"))
    partial = catalog.partial_attributes.get(attr)
    value = get_item(base, f".{attr}")
    if attr in _STRUCTURED_ATTRIBUTES and value.labels:
        value = cleared(value, frozenset({STRUCTURED}))
    if partial is not None and base.kind in partial[0]:
        return cleared(value, partial[1])
    if base.kind == "path" and attr in ("parent", "parents", "stem", "suffix", "anchor"):
        return value._replace(kind="path")
    if base.kind.startswith(("instance:", "model:")):
        return _instance_attribute(frame, base, attr, value, node)
    return value


def _instance_attribute(frame: Frame, base: Value, attr: str, value: Value, node: ast.AST) -> Value:
    kind, _, cls_key = base.kind.partition(":")
    cls = frame.host.class_info(cls_key)
    if kind == "model" and cls is not None:
        annotation = cls.annotations.get(attr)
        if annotation is not None and guards.safe_annotation(frame, annotation):
            return CLEAN
        return value
    if base.fields is not None and f".{attr}" in base.fields:
        return value
    if cls is not None and attr in cls.methods:
        return Value(qual=f"fn:{cls.methods[attr].key}", kind=base.kind)
    origin = Origin(OriginKind.ATTR, f"{cls_key}.{attr}")
    label = Label(origin, (frame.step(node),))
    return value._replace(labels=merge_labels(value.labels, (label,)))


def _subscript(frame: Frame, node: ast.Subscript) -> Value:
    base = eval_expr(frame, node.value)
    if isinstance(node.slice, ast.Slice):
        _slice(frame, node.slice)
        sliced = base._replace(fields=None, const=NOTHING, qual="")
        return cleared(sliced, MASKED) if _short_slice(node.slice) else sliced
    index = eval_expr(frame, node.slice)
    if base.qual:  # typing subscripts (list[str]) and the like
        return CLEAN
    return get_item(base, item_key(index))


def _short_slice(node: ast.Slice) -> bool:
    """`x[-4:]`, `x[:6]`: a few characters of a value, too few to leak it (masking)."""
    bounds = [b for b in (node.lower, node.upper) if b is not None]
    if len(bounds) != 1 or node.step is not None:
        return False
    bound = bounds[0]
    if isinstance(bound, ast.UnaryOp) and isinstance(bound.op, ast.USub):
        bound = bound.operand
    return isinstance(bound, ast.Constant) and isinstance(bound.value, int) and bound.value <= 6


def item_key(index: Value) -> str | None:
    value = index.const
    if isinstance(value, bool) or value is NOTHING:
        return None
    if isinstance(value, int):
        return f"#{value}"
    return value if isinstance(value, str) else None


def _slice(frame: Frame, node: ast.Slice) -> Value:
    for part in (node.lower, node.upper, node.step):
        if part is not None:
            eval_expr(frame, part)
    return CLEAN


def _binop(frame: Frame, node: ast.BinOp) -> Value:
    left = eval_expr(frame, node.left)
    right = eval_expr(frame, node.right)
    return operators.combine(node.op, left, right)


def _boolop(frame: Frame, node: ast.BoolOp) -> Value:
    return operators.boolean(node.op, [eval_expr(frame, v) for v in node.values])


def _compare(frame: Frame, node: ast.Compare) -> Value:
    left = eval_expr(frame, node.left)
    return operators.compare(node.ops, [left, *(eval_expr(frame, c) for c in node.comparators)])


def _unaryop(frame: Frame, node: ast.UnaryOp) -> Value:
    return operators.unary(node.op, eval_expr(frame, node.operand))


def _ifexp(frame: Frame, node: ast.IfExp) -> Value:
    test = eval_expr(frame, node.test)
    if test.known:
        return eval_expr(frame, node.body if test.const else node.orelse)
    saved = frame.env
    frame.env = dict(saved)
    guards.refine(frame, node.test, True)
    body = eval_expr(frame, node.body)
    frame.env = dict(saved)
    guards.refine(frame, node.test, False)
    orelse = eval_expr(frame, node.orelse)
    frame.env = saved
    return join(body, orelse)


def _dict(frame: Frame, node: ast.Dict) -> Value:
    fields: dict[str, Value] = {}
    labels: tuple[Label, ...] = ()
    for key_node, value_node in zip(node.keys, node.values, strict=True):
        value = eval_expr(frame, value_node)
        if key_node is None:  # {**other}
            if value.fields:
                fields.update(value.fields)
            labels = merge_labels(labels, value.labels)
            continue
        key = item_key(eval_expr(frame, key_node))
        if key is None:
            labels = merge_labels(labels, all_labels(value))
        else:
            fields[key] = value
    bounded, labels = bounded_fields(fields, labels)
    return Value(labels, bounded)


def _sequence(frame: Frame, node: ast.List | ast.Tuple | ast.Set) -> Value:
    fields: dict[str, Value] = {}
    labels: tuple[Label, ...] = ()
    consts: list[object] = []
    for index, element in enumerate(node.elts):
        value = eval_expr(frame, element)
        if isinstance(element, ast.Starred) or isinstance(node, ast.Set):
            labels = merge_labels(labels, all_labels(value))
        else:
            fields[f"#{index}"] = value
        consts.append(value.const)
    const: object = NOTHING
    if all(c is not NOTHING and isinstance(c, operators.SIMPLE) for c in consts):
        const = tuple(consts) if not isinstance(node, ast.Set) else frozenset(consts)
    bounded, labels = bounded_fields(fields, labels)
    return Value(labels, bounded or None, const)


def _comprehension(
    frame: Frame, node: ast.ListComp | ast.SetComp | ast.GeneratorExp | ast.DictComp
) -> Value:
    from faasguard.analysis.python.stmts import bind, iter_element

    saved = frame.env
    frame.env = dict(saved)
    try:
        for generator in node.generators:
            element = iter_element(eval_expr(frame, generator.iter))
            bind(frame, generator.target, element, generator.iter)
            for condition in generator.ifs:
                eval_expr(frame, condition)
                guards.refine(frame, condition, True)
        if isinstance(node, ast.DictComp):
            key = eval_expr(frame, node.key)
            value = eval_expr(frame, node.value)
            return Value(merge_labels(all_labels(key), all_labels(value)))
        element = eval_expr(frame, node.elt)
        return Value(fields={"[]": element}) if element.tainted else CLEAN
    finally:
        frame.env = saved


def _fstring(frame: Frame, node: ast.JoinedStr) -> Value:
    labels: tuple[Label, ...] = ()
    prefix_parts: list[str] = []
    prefix_open = True
    kind = ""
    for part in node.values:
        if isinstance(part, ast.Constant) and isinstance(part.value, str):
            if prefix_open:
                prefix_parts.append(part.value)
            continue
        value = eval_expr(frame, part)
        if prefix_open and isinstance(value.const, str):
            prefix_parts.append(value.const)
            continue
        if prefix_open and not prefix_parts and not value.tainted:
            kind = operators.FIXED_BASE  # starts with a clean value: a configured base URL
        prefix_open = False
        labels = merge_labels(labels, all_labels(value))
    prefix = "".join(prefix_parts)
    if prefix_open:
        return constant(prefix)
    return Value(textual(labels), prefix=prefix, kind=kind)


def _formatted(frame: Frame, node: ast.FormattedValue) -> Value:
    value = eval_expr(frame, node.value)
    if node.format_spec is not None:
        eval_expr(frame, node.format_spec)
    return value


def _named(frame: Frame, node: ast.NamedExpr) -> Value:
    from faasguard.analysis.python.stmts import bind

    value = eval_expr(frame, node.value)
    bind(frame, node.target, value, node)
    if isinstance(node.value, ast.Compare | ast.Call):
        frame.checks[node.target.id] = node.value
    return value


def _yield(frame: Frame, node: ast.Yield | ast.YieldFrom | ast.Await) -> Value:
    if node.value is None:
        return CLEAN
    value = eval_expr(frame, node.value)
    if not isinstance(node, ast.Await):
        frame.ret = join(frame.ret, value)
        return CLEAN
    return value


def _starred(frame: Frame, node: ast.Starred) -> Value:
    return eval_expr(frame, node.value)


def _lambda(frame: Frame, node: ast.Lambda) -> Value:
    return Value(kind="lambda")


MASKED = frozenset({"sensitive-data-exposure"})
_STRUCTURED_ATTRIBUTES = frozenset({"json", "json_body"})
_DISPATCH: dict[type[ast.AST], Eval] = {
    ast.Name: _name,
    ast.Constant: _constant,
    ast.Attribute: _attribute,
    ast.Subscript: _subscript,
    ast.Call: lambda frame, node: calls.eval_call(frame, node),
    ast.BinOp: _binop,
    ast.BoolOp: _boolop,
    ast.Compare: _compare,
    ast.UnaryOp: _unaryop,
    ast.IfExp: _ifexp,
    ast.Dict: _dict,
    ast.List: _sequence,
    ast.Tuple: _sequence,
    ast.Set: _sequence,
    ast.ListComp: _comprehension,
    ast.SetComp: _comprehension,
    ast.GeneratorExp: _comprehension,
    ast.DictComp: _comprehension,
    ast.JoinedStr: _fstring,
    ast.FormattedValue: _formatted,
    ast.NamedExpr: _named,
    ast.Yield: _yield,
    ast.YieldFrom: _yield,
    ast.Await: _yield,
    ast.Starred: _starred,
    ast.Lambda: _lambda,
    ast.Slice: _slice,
}


__all__ = ["eval_expr", "item_key", "lookup", "qual_attribute", "qualified"]
