"""Evaluation of templates: quoted strings, heredocs and template directives.

A template whose parts are all known is a string; otherwise an Unresolved keeping the known
text and ``${...}`` placeholders for the rest. JSON written in a heredoc (or a template file)
is also parsed into a document, with positions in the file where it was written, and the
``${...}`` inside its strings evaluated.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from faasguard.core.location import Location
from faasguard.loaders.errors import ParseError
from faasguard.loaders.hcl.ast import TemplateExpr, TemplateFor, TemplateIf
from faasguard.loaders.hcl.parser import parse_template
from faasguard.loaders.nodes import MapNode, Node, ScalarNode, SeqNode, walk
from faasguard.loaders.terraform import operators
from faasguard.loaders.terraform.jsondoc import looks_like_json, parse_json_at, parse_json_string
from faasguard.loaders.terraform.module import Module
from faasguard.loaders.terraform.values import ValueNode, refs_of, scalar_text, unknown
from faasguard.model.values import Unresolved

if TYPE_CHECKING:
    from faasguard.loaders.terraform.evaluate import Evaluator, Names


def template(ev: Evaluator, expr: TemplateExpr, module: Module, names: Names) -> Node:
    parts = expr.parts
    if len(parts) == 1 and not isinstance(parts[0], str) and not expr.heredoc:
        return ev.eval(parts[0], module, names)  # "${x}" keeps the type of x
    pieces: list[str] = []
    refs: dict[str, None] = {}
    known = True
    for part in parts:
        if isinstance(part, str):
            pieces.append(part)
            continue
        node = ev.eval(part, module, names)
        text = scalar_text(node)
        if text is None:
            known = False
            refs.update(dict.fromkeys(refs_of(node)))
            pieces.append("${" + ev.text(part.loc) + "}")
        else:
            pieces.append(text)
    value = "".join(pieces)
    document = None
    if expr.heredoc and expr.raw is not None and looks_like_json(expr.raw):
        document = json_in(ev, expr.raw, expr.loc.path, expr.raw_line, module, names)
    elif known and looks_like_json(value):
        document = parse_json_string(value, expr.loc)
    if known:
        return (
            ValueNode(expr.loc, value=value, document=document)
            if document
            else ScalarNode(expr.loc, value=value)
        )
    return unknown(expr.loc, Unresolved(value, tuple(refs)), document)


def json_in(
    ev: Evaluator, raw: str, path: str, line: int, module: Module, names: Names
) -> Node | None:
    """JSON written inside a template (heredoc, template file): parsed from the raw text so
    positions are exact, then each string holding `${...}` evaluated as a template."""
    document = parse_json_at(raw, path, line)
    if document is None:
        return None
    for node in list(walk(document)):
        if isinstance(node, MapNode):
            for key, value in node.entries.items():
                node.entries[key] = _interpolate(ev, value, module, names)
        elif isinstance(node, SeqNode):
            node.items = [_interpolate(ev, item, module, names) for item in node.items]
    return document


def _interpolate(ev: Evaluator, node: Node, module: Module, names: Names) -> Node:
    if not isinstance(node, ScalarNode) or not isinstance(node.value, str):
        return node
    if "${" not in node.value and "%{" not in node.value:
        return node
    loc = node.loc
    try:
        parsed = parse_template(node.value, loc.path, loc.start_line, loc.start_column + 1)
    except ParseError:
        return node
    result = template(ev, TemplateExpr(loc, parsed.parts), module, names)
    return result if result.loc == loc else _at(result, loc)


def template_if(ev: Evaluator, expr: TemplateIf, module: Module, names: Names) -> Node:
    condition = operators.as_bool(ev.eval(expr.condition, module, names))
    if condition is None:
        return ev.unknown_of(expr, reason="template condition not known")
    branch = expr.then if condition else expr.otherwise
    return ev.eval(branch, module, names) if branch else ScalarNode(expr.loc, value="")


def template_for(ev: Evaluator, expr: TemplateFor, module: Module, names: Names) -> Node:
    return ev.unknown_of(expr, ev.eval(expr.collection, module, names))


def _at(node: Node, loc: Location) -> Node:
    if isinstance(node, ValueNode):
        return ValueNode(loc, node.tag, node.value, node.unknown, node.document)
    if isinstance(node, ScalarNode):
        return ScalarNode(loc, node.tag, node.value)
    return node


__all__ = ["json_in", "template", "template_for", "template_if"]
