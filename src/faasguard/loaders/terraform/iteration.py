"""`for` expressions and splats over known collections (bounded); unknown ones stay unknown."""

from __future__ import annotations

from typing import TYPE_CHECKING

from faasguard.loaders.hcl.ast import AnonSymbol, Expr, ForExpr, GetAttr, SplatExpr
from faasguard.loaders.nodes import MapNode, Node, ScalarNode, SeqNode
from faasguard.loaders.terraform.module import Module
from faasguard.loaders.terraform.operators import as_bool
from faasguard.loaders.terraform.values import ValueNode, scalar_text, unknown
from faasguard.model.values import Ref

if TYPE_CHECKING:
    from faasguard.loaders.terraform.evaluate import Evaluator, Names

ANON = "\x00each"  # the splat element; no identifier can collide with it
MAX_ITEMS = 10_000


def for_expression(ev: Evaluator, expr: ForExpr, module: Module, names: Names) -> Node:
    collection = ev.eval(expr.collection, module, names)
    if isinstance(collection, MapNode):
        pairs = [(ScalarNode(collection.key_loc(k), value=k), v) for k, v in collection.items()]
    elif isinstance(collection, SeqNode):
        pairs = [(ScalarNode(v.loc, value=n), v) for n, v in enumerate(collection.items)]
    else:
        return ev.unknown_of(expr, collection)
    tuple_items: list[Node] = []
    object_result = MapNode(expr.loc)
    for key, value in pairs[:MAX_ITEMS]:
        scope = {**names, expr.value_var: value}
        if expr.key_var is not None:
            scope[expr.key_var] = key
        if expr.condition is not None:
            keep = ev.eval(expr.condition, module, scope)
            flag = as_bool(keep)
            if flag is None:
                return ev.unknown_of(expr, keep)
            if not flag:
                continue
        item = ev.eval(expr.value, module, scope)
        if expr.key is None:
            tuple_items.append(item)
            continue
        key_node = ev.eval(expr.key, module, scope)
        name = scalar_text(key_node)
        if name is None:
            return ev.unknown_of(expr, key_node)
        _put(object_result, name, key_node, item, expr.grouping)
    if expr.key is None:
        return SeqNode(expr.loc, items=tuple_items)
    return object_result


def _put(result: MapNode, name: str, key: Node, item: Node, grouping: bool) -> None:
    if grouping:
        group = result.entries.setdefault(name, SeqNode(item.loc))
        if isinstance(group, SeqNode):
            group.items.append(item)
    else:
        result.entries[name] = item
    result.keys.setdefault(name, key.loc)


def splat(ev: Evaluator, expr: SplatExpr, module: Module, names: Names) -> Node:
    source = ev.eval(expr.source, module, names)
    if isinstance(source, ValueNode) and source.unknown is not None:
        value = source.unknown
        attrs = _attribute_chain(expr.each)
        if isinstance(value, Ref) and value.attribute is None and attrs is not None:
            return unknown(expr.loc, Ref(value.target, ".".join(attrs) or None))
        return ev.unknown_of(expr, source)
    if isinstance(source, ScalarNode) and source.value is None:
        return SeqNode(expr.loc)
    items = source.items if isinstance(source, SeqNode) else [source]
    results = [ev.eval(expr.each, module, {**names, ANON: item}) for item in items[:MAX_ITEMS]]
    return SeqNode(expr.loc, items=results)


def _attribute_chain(expr: Expr) -> list[str] | None:
    names: list[str] = []
    while isinstance(expr, GetAttr):
        names.append(expr.name)
        expr = expr.source
    return list(reversed(names)) if isinstance(expr, AnonSymbol) else None


__all__ = ["ANON", "MAX_ITEMS", "for_expression", "splat"]
