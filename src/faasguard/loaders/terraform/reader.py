"""Typed reads of one block's attributes and nested blocks, evaluated in its module's scope."""

from __future__ import annotations

from typing import Any

from faasguard.core.location import Location
from faasguard.loaders.hcl.ast import Attribute, Body, TemplateExpr, VariableExpr
from faasguard.loaders.nodes import MapNode, Node, ScalarNode, SeqNode
from faasguard.loaders.terraform.evaluate import EMPTY, MAX_ITEMS, Evaluator, Names
from faasguard.loaders.terraform.jsondoc import looks_like_json, parse_json_string
from faasguard.loaders.terraform.module import Module
from faasguard.loaders.terraform.operators import as_bool, as_number
from faasguard.loaders.terraform.values import ValueNode, is_unknown, scalar_text, to_v, unresolved
from faasguard.model.values import Unresolved, V


class View:
    """A block body (resource, nested block, dynamic block content) read in `module`'s scope.

    Absent attributes and explicit `null` read as None; unknown values as V(Ref/Unresolved).
    """

    __slots__ = ("body", "ev", "loc", "module", "names")

    def __init__(
        self, ev: Evaluator, module: Module, body: Body, loc: Location, names: Names = EMPTY
    ) -> None:
        self.ev = ev
        self.module = module
        self.body = body
        self.loc = loc
        self.names = names

    def attribute(self, name: str) -> Attribute | None:
        return self.body.attr(name)

    def has(self, name: str) -> bool:
        return self.body.attr(name) is not None

    def loc_of(self, name: str) -> Location:
        """Where `name` is set, or the block when it is absent (where to add it)."""
        attribute = self.body.attr(name)
        return attribute.loc if attribute is not None else self.loc

    def text_of(self, name: str) -> str | None:
        attribute = self.body.attr(name)
        return self.ev.text(attribute.expr.loc) if attribute is not None else None

    def node(self, name: str) -> Node | None:
        attribute = self.body.attr(name)
        if attribute is None:
            return None
        try:
            node = self.ev.eval(attribute.expr, self.module, self.names)
        except RecursionError:
            loc = attribute.expr.loc
            return unresolved(loc, self.ev.text(loc), reason="expression too deep to evaluate")
        if isinstance(node, ScalarNode) and node.value is None and not is_unknown(node):
            return None
        return node

    def value(self, name: str) -> V[Any] | None:
        node = self.node(name)
        return to_v(node) if node is not None else None

    def string(self, name: str) -> V[str] | None:
        node = self.node(name)
        return str_value(node) if node is not None else None

    def integer(self, name: str) -> V[int] | None:
        node = self.node(name)
        if node is None:
            return None
        number = as_number(node)
        if number is not None:
            return V(int(number), node.loc)
        return V(_unknown(node), node.loc)

    def number(self, name: str) -> V[float] | None:
        node = self.node(name)
        if node is None:
            return None
        number = as_number(node)
        if number is not None:
            return V(float(number), node.loc)
        return V(_unknown(node), node.loc)

    def boolean(self, name: str) -> V[bool] | None:
        node = self.node(name)
        if node is None:
            return None
        flag = as_bool(node)
        return V(flag, node.loc) if flag is not None else V(_unknown(node), node.loc)

    def strings(self, name: str) -> list[V[str]]:
        """A list of strings: each item; an unknown list is one unknown item."""
        node = self.node(name)
        if node is None:
            return []
        if isinstance(node, SeqNode):
            return [str_value(item) for item in node.items]
        return [str_value(node)]

    def document(self, name: str) -> Node | None:
        """A policy (or other JSON) document: `jsonencode({...})`, a heredoc, `file(...)`, a
        policy document data source, or a JSON string. None when it cannot be read."""
        node = self.node(name)
        return as_document(node) if node is not None else None

    def block(self, type_: str) -> View | None:
        found = self.blocks(type_)
        return found[0] if found else None

    def blocks(self, type_: str) -> list[View]:
        """Nested blocks, `dynamic` ones included: one view per known `for_each` element
        (the iterator bound to {key, value}), or one with the iterator unknown."""
        views = [
            View(self.ev, self.module, block.body, block.loc, self.names)
            for block in self.body.blocks_of(type_)
        ]
        for dynamic in self.body.blocks_of("dynamic"):
            if dynamic.labels == (type_,) or (self.body.json and type_ in dynamic.body.attributes):
                views.extend(self._dynamic(type_, dynamic.body, dynamic.loc))
        return views

    def _dynamic(self, type_: str, body: Body, loc: Location) -> list[View]:
        if not body.json:
            return self._expand(type_, body, loc)
        # JSON: "dynamic": {"statement": {"for_each": ..., "content": {...}}}
        inner = body.attr(type_)
        if inner is None:
            return []
        nested = Body({type_: inner}, (), loc, json=True).blocks_of(type_)
        return [view for block in nested for view in self._expand(type_, block.body, block.loc)]

    def _expand(self, type_: str, body: Body, loc: Location) -> list[View]:
        contents = body.blocks_of("content")
        if not contents:
            return []
        content = contents[0]
        iterator = type_
        named = body.attr("iterator")
        if named is not None and isinstance(named.expr, VariableExpr):
            iterator = named.expr.name
        elif named is not None and isinstance(named.expr, TemplateExpr):
            parts = named.expr.parts
            iterator = parts[0] if len(parts) == 1 and isinstance(parts[0], str) else iterator
        dynamic = View(self.ev, self.module, body, loc, self.names)
        collection = dynamic.node("for_each")
        if isinstance(collection, MapNode | SeqNode):
            pairs = _pairs(collection)
            return [
                View(
                    self.ev,
                    self.module,
                    content.body,
                    content.loc,
                    {**self.names, iterator: _element(key, value, content.loc)},
                )
                for key, value in pairs[:MAX_ITEMS]
            ]
        unknown_item = unresolved(loc, iterator, reason="dynamic block iterator")
        return [
            View(
                self.ev,
                self.module,
                content.body,
                content.loc,
                {**self.names, iterator: unknown_item},
            )
        ]


def str_value(node: Node) -> V[str]:
    """A node as a string value: known scalars converted as Terraform does."""
    if isinstance(node, ValueNode) and node.unknown is not None:
        return V(node.unknown, node.loc)
    text = scalar_text(node)
    if text is not None:
        return V(text, node.loc)
    return to_v(node)


def as_document(node: Node) -> Node | None:
    if isinstance(node, MapNode | SeqNode):
        return node
    if isinstance(node, ValueNode) and node.document is not None:
        return node.document
    text = scalar_text(node)
    if text is not None and looks_like_json(text):
        return parse_json_string(text, node.loc)
    return None


def _unknown(node: Node) -> Unresolved | Any:
    value = to_v(node).value
    if isinstance(value, str | int | float | bool) or value is None:
        return Unresolved(str(value), (), "not the expected type")
    return value


def _pairs(collection: MapNode | SeqNode) -> list[tuple[Node, Node]]:
    if isinstance(collection, MapNode):
        return [(ScalarNode(collection.key_loc(k), value=k), v) for k, v in collection.items()]
    return [(ScalarNode(v.loc, value=n), v) for n, v in enumerate(collection.items)]


def _element(key: Node, value: Node, loc: Location) -> MapNode:
    return MapNode(loc, entries={"key": key, "value": value}, keys={"key": loc, "value": loc})


__all__ = ["View", "as_document", "str_value"]
