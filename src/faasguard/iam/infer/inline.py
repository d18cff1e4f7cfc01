"""Code written into the template itself: SAM ``InlineCode`` and CloudFormation
``Code.ZipFile``. It is parsed like a file (never run), and its locations point at the
template lines that hold it."""

from __future__ import annotations

import ast
import warnings
from dataclasses import dataclass

from faasguard.analysis.project import Project
from faasguard.analysis.python.index import Module
from faasguard.core.location import Location
from faasguard.loaders.errors import ParseError
from faasguard.loaders.nodes import MapNode, ScalarNode
from faasguard.model.app import App, Function


@dataclass(frozen=True, slots=True, eq=False)
class InlineModule(Module):
    """A module whose text sits in a template: `source` is the template, `line_offset` and
    `column_offset` place line 1, column 1 of the code in it."""

    source: str = ""
    line_offset: int = 0
    column_offset: int = 0

    def location(self, node: ast.AST) -> Location:
        inner = Module.location(self, node)
        return Location(
            self.source,
            inner.start_line + self.line_offset,
            inner.start_column + self.column_offset,
            inner.end_line + self.line_offset,
            inner.end_column + self.column_offset,
        )


def inline_code(function: Function) -> ScalarNode | None:
    raw = function.raw
    if raw is None:
        return None
    props = raw.map("Properties")
    if props is None:
        return None
    found = props.scalar("InlineCode")
    code = props.map("Code")
    if found is None and isinstance(code, MapNode):
        found = code.scalar("ZipFile")
    if found is None or not isinstance(found.value, str):
        return None
    return found


def inline_module(project: Project, app: App, function: Function) -> InlineModule | None:
    node = inline_code(function)
    runtime = function.runtime.get("") if function.runtime is not None else ""
    python = isinstance(runtime, str) and runtime.startswith("python")
    if node is None or (runtime and not python) or function.image:
        return None  # inline code in another language (Node.js ZipFile, ...)
    text = str(node.value)
    line_offset, column_offset = _placement(project, node)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            tree = ast.parse(text, filename=node.loc.path)
    except (SyntaxError, ValueError, RecursionError) as exc:
        if not python:
            return None  # no runtime given: not necessarily Python
        line = (getattr(exc, "lineno", None) or 1) + line_offset
        message = f"inline code of {function.id}: Python syntax error: {exc}"
        project.context.problems.append(ParseError(message, Location(node.loc.path, line, 1)))
        return None
    return InlineModule(
        path=f"{node.loc.path}#{function.id}",
        name=f"__inline__.{function.id}",
        tree=tree,
        text=text,
        source=node.loc.path,
        line_offset=line_offset,
        column_offset=column_offset,
    )


def _placement(project: Project, node: ScalarNode) -> tuple[int, int]:
    """Where line 1 of the code is: after a block indicator (``|``, ``>``) the next line,
    indented; else the scalar's own position."""
    text = project.try_read(node.loc.path) or ""
    lines = text.splitlines()
    index = node.loc.start_line - 1
    if index >= len(lines):
        return 0, 0
    rest = lines[index][node.loc.start_column - 1 :].lstrip()
    if not rest.startswith(("|", ">")):
        return index, node.loc.start_column - 1 + (1 if rest[:1] in "\"'" else 0)
    for number in range(index + 1, len(lines)):
        if lines[number].strip():
            indent = len(lines[number]) - len(lines[number].lstrip())
            return number, indent
    return index + 1, 0


__all__ = ["InlineModule", "inline_code", "inline_module"]
