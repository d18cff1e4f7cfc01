"""Secrets written in Python source: string literals judged with the name they are stored
under, and known credential formats in comments.

A literal's name comes from where it is written: an assignment target (``DB_PASSWORD = ...``,
``cfg["api_key"] = ...``), a keyword argument, a dict key, a parameter default, the other side
of a comparison, the variable of an environment lookup with a literal fallback
(``os.environ.get("STRIPE_KEY", "sk_live_...")``), or a call that takes a secret at a known
position (``jwt.encode(claims, "...")``). Literals with no name count only when they match a
known credential format. The code is parsed, never imported or run.
"""

from __future__ import annotations

import ast
from bisect import bisect_right
from typing import cast

from faasguard.analysis.python.index import Module
from faasguard.analysis.secrets.model import Literal
from faasguard.analysis.secrets.settings import settings

_MIN_UNNAMED = 7  # shorter literals match no credential format


Span = tuple[int, int, int, int]  # start line, start column, end line, end column (1-based)


def code_literals(module: Module) -> tuple[list[Literal], list[Span]]:
    """Every string literal of a module worth judging, each once, and the sorted spans of
    all string literals (a credential format found outside them is in a comment)."""
    walker = _Walker(module)
    literals = walker.walk()
    return literals, sorted(walker.spans)


def in_strings(spans: list[Span], line: int, column: int) -> bool:
    """Whether a position lies inside one of the (disjoint, sorted) string spans."""
    index = bisect_right(spans, (line, column, line + 1, 0)) - 1
    if index < 0:
        return False
    _, _, end_line, end_column = spans[index]
    return (line, column) < (end_line, end_column)


_NAMING = frozenset(
    {
        ast.Assign,
        ast.AnnAssign,
        ast.AugAssign,
        ast.keyword,
        ast.Dict,
        ast.FunctionDef,
        ast.AsyncFunctionDef,
        ast.Lambda,
        ast.Compare,
    }
)
_LEAVES = frozenset({ast.Name, ast.Load, ast.Store, ast.Del, ast.alias, ast.Pass})


class _Walker:
    def __init__(self, module: Module) -> None:
        self.module = module
        self.imports: dict[str, str] = {}
        self.names: dict[int, tuple[str, str]] = {}  # id(literal) -> (name, context)
        self.spans: list[Span] = []

    def walk(self) -> list[Literal]:
        """One pass collects literals, naming sites, calls and imports; calls are read once
        the imports are known."""
        constants: list[ast.Constant] = []
        fstrings: list[ast.JoinedStr] = []
        calls: list[ast.Call] = []
        stack: list[ast.AST] = [self.module.tree]
        pop, push = stack.pop, stack.append
        while stack:
            node = pop()
            kind = node.__class__
            if kind is ast.Constant:
                if isinstance(cast(ast.Constant, node).value, str | bytes):
                    constants.append(cast(ast.Constant, node))
                continue
            if kind in _LEAVES:
                continue
            if kind is ast.Call:
                calls.append(cast(ast.Call, node))
            elif kind is ast.JoinedStr:
                fstrings.append(cast(ast.JoinedStr, node))
            elif kind in _NAMING:
                self._name_children(node)
            elif kind is ast.Import or kind is ast.ImportFrom:
                self._import(cast(ast.Import | ast.ImportFrom, node))
            for field in node._fields:
                value = getattr(node, field, None)
                if value.__class__ is list:
                    for item in value:
                        if isinstance(item, ast.AST):
                            push(item)
                elif isinstance(value, ast.AST):
                    push(value)
        for call in calls:
            self._call(call)
        return self._literals(constants, fstrings)

    def _literals(
        self, constants: list[ast.Constant], fstrings: list[ast.JoinedStr]
    ) -> list[Literal]:
        found: list[Literal] = []
        parts: set[int] = set()
        for fstring in fstrings:
            self._cover(fstring)
            parts.update(id(part) for part in fstring.values)
            literal = self._fstring(fstring)
            if literal is not None:
                found.append(literal)
        for constant in constants:
            if id(constant) not in parts:
                self._cover(constant)
                literal = self._literal(constant)
                if literal is not None:
                    found.append(literal)
        return found

    def _cover(self, node: ast.expr) -> None:
        location = self.module.location(node)
        self.spans.append(
            (location.start_line, location.start_column, location.end_line, location.end_column)
        )

    def _import(self, node: ast.Import | ast.ImportFrom) -> None:
        if isinstance(node, ast.Import):
            for alias in node.names:
                head = alias.name.split(".", 1)[0]
                self.imports[alias.asname or head] = alias.name if alias.asname else head
        elif node.module:
            for alias in node.names:
                self.imports[alias.asname or alias.name] = f"{node.module}.{alias.name}"

    def _literal(self, node: ast.Constant) -> Literal | None:
        value = node.value
        if isinstance(value, bytes):
            value = value.decode("latin-1")
        if not isinstance(value, str):
            return None
        name, context = self.names.get(id(node), (None, "string"))
        if name is None and len(value) < _MIN_UNNAMED:
            return None
        return Literal(value, self.module.location(node), name, context)

    def _fstring(self, node: ast.JoinedStr) -> Literal | None:
        """An f-string as its literal text with each placeholder written `x`, so a
        credential format written inside it (a password in a URL) is still seen."""
        text = "".join(
            part.value if isinstance(part, ast.Constant) and isinstance(part.value, str) else "x"
            for part in node.values
        )
        if len(text) < _MIN_UNNAMED:
            return None
        return Literal(text, self.module.location(node), None, "f-string")

    def _name_children(self, node: ast.AST) -> None:
        """Remember the names under which `node` stores its literal children."""
        if isinstance(node, ast.Assign | ast.AnnAssign | ast.AugAssign):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            for target in targets:
                self._name(node.value, _target_name(target), "assignment to")
        elif isinstance(node, ast.keyword) and node.arg:
            self._name(node.value, node.arg, "keyword argument")
        elif isinstance(node, ast.Dict):
            for key, value in zip(node.keys, node.values, strict=True):
                if isinstance(key, ast.Constant) and isinstance(key.value, str):
                    self._name(value, key.value, "dict key")
        elif isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda):
            self._defaults(node.args)
        elif isinstance(node, ast.Compare) and len(node.comparators) == 1:
            left, right = node.left, node.comparators[0]
            self._name(right, _target_name(left), "comparison with")
            self._name(left, _target_name(right), "comparison with")
        elif isinstance(node, ast.Call):
            self._call(node)

    def _defaults(self, args: ast.arguments) -> None:
        positional = [*args.posonlyargs, *args.args]
        for arg, default in zip(positional[-len(args.defaults) :], args.defaults, strict=False):
            self._name(default, arg.arg, "default of parameter")
        for arg, kw_default in zip(args.kwonlyargs, args.kw_defaults, strict=True):
            if kw_default is not None:
                self._name(kw_default, arg.arg, "default of parameter")

    def _call(self, call: ast.Call) -> None:
        name = self._qualify(call.func)
        scan = settings()
        if name in scan.environment_defaults:
            first = call.args[0] if call.args else None
            if isinstance(first, ast.Constant) and isinstance(first.value, str):
                for fallback in call.args[1:2]:
                    self._name(fallback, first.value, "fallback for environment variable")
            return
        argument = scan.secret_arguments.get(name or "")
        if argument is None:
            return
        if len(call.args) > argument.position:
            self._name(call.args[argument.position], argument.name, f"argument of {name}():")
        for kw in call.keywords:
            if kw.arg == argument.keyword:
                self._name(kw.value, argument.name, f"argument of {name}():")

    def _name(self, value: ast.AST | None, name: str | None, context: str) -> None:
        if name and isinstance(value, ast.Constant) and isinstance(value.value, str | bytes):
            self.names[id(value)] = (name, f"{context} {name}")

    def _qualify(self, expr: ast.expr) -> str | None:
        parts: list[str] = []
        while isinstance(expr, ast.Attribute):
            parts.append(expr.attr)
            expr = expr.value
        if not isinstance(expr, ast.Name):
            return None
        parts.append(self.imports.get(expr.id, expr.id))
        return ".".join(reversed(parts))


def _target_name(target: ast.expr) -> str | None:
    if isinstance(target, ast.Name):
        return target.id
    if isinstance(target, ast.Attribute):
        return target.attr
    if isinstance(target, ast.Subscript) and isinstance(target.slice, ast.Constant):
        key = target.slice.value
        return key if isinstance(key, str) else None
    return None


__all__ = ["Span", "code_literals", "in_strings"]
