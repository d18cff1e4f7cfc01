"""One walk over each module's syntax tree, shared by the code pattern rules (PY040-PY069).

`module_facts(project)` walks every module of the Python index once and keeps what the
pattern rules look at - calls with their fully qualified names, exception handlers, assignments,
a few attributes and string constants - each with the function it sits in. The rules then
filter those lists instead of walking the trees again. Nothing is imported or executed.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from typing import cast

from faasguard.analysis.project import Project
from faasguard.analysis.python.index import Module, python_index
from faasguard.rules.code._data import checks
from faasguard.rules.code._owners import code_owners

FunctionNode = ast.FunctionDef | ast.AsyncFunctionDef
# Handler shape without a template: two parameters, the second a context or the first an event.
_CONTEXT = re.compile(r"^_*$|(^|_)(context|ctx|lambda_context)$")
_EVENT = re.compile(r"(^|_)(event|evt|req|request)$")


@dataclass(frozen=True, slots=True, eq=False)
class Scope:
    """A function definition: its dotted name in the module and whether it answers requests."""

    node: FunctionNode
    qualname: str
    module_level: bool
    handler: bool  # an (event, context) handler, a decorated route, or an HTTP request handler


@dataclass(frozen=True, slots=True, eq=False)
class CallSite:
    node: ast.Call
    name: str | None  # fully qualified where the imports say so: "hashlib.md5", "open"
    scope: Scope | None


@dataclass(slots=True, eq=False)
class ModuleFacts:
    module: Module
    imports: dict[str, str] = field(default_factory=dict)  # local name -> qualified name
    functions: list[Scope] = field(default_factory=list)
    calls: list[CallSite] = field(default_factory=list)
    handlers: list[tuple[ast.ExceptHandler, Scope | None]] = field(default_factory=list)
    tries: list[tuple[ast.Try | ast.TryStar, Scope | None]] = field(default_factory=list)
    assigns: list[tuple[ast.Assign | ast.AnnAssign, Scope | None]] = field(default_factory=list)
    attributes: list[tuple[ast.Attribute, Scope | None]] = field(default_factory=list)
    temp_paths: list[tuple[ast.Constant, Scope | None]] = field(default_factory=list)
    constants: dict[str, ast.expr] = field(default_factory=dict)  # module-level NAME = value
    reassigned: set[str] = field(default_factory=set)  # module-level names assigned twice
    classes: set[str] = field(default_factory=set)  # names of the classes the module defines

    def qualify(self, expr: ast.expr) -> str | None:
        return qualify(expr, self.imports)

    def resolve_constant(self, expr: ast.expr) -> ast.expr:
        """`expr`, or the value of the module-level constant it names."""
        if isinstance(expr, ast.Name) and expr.id in self.constants:
            return self.constants[expr.id]
        return expr


def module_facts(project: Project) -> list[ModuleFacts]:
    """The facts of every parsed module of the project, computed once."""
    return project.analysis("code-pattern-facts", _build)


def _build(project: Project) -> list[ModuleFacts]:
    index = python_index(project)
    named = code_owners(project).handlers
    return [
        collect(module, named.get(path, frozenset()))
        for path, module in sorted(index.modules.items())
    ]


def collect(module: Module, named_handlers: frozenset[str] = frozenset()) -> ModuleFacts:
    """The facts of one module; `named_handlers` are the functions a template names as
    handlers of this module (recognised by shape otherwise)."""
    facts = ModuleFacts(module)
    raw_calls: list[tuple[ast.Call, Scope | None]] = []
    top: _Frame = (None, "")
    stack: list[tuple[ast.AST, _Frame]] = [(module.tree, top)]
    pop, push, kinds = stack.pop, stack.append, _KINDS
    while stack:
        node, frame = pop()
        kind = kinds.get(node.__class__)
        if kind is not None:
            frame = _note(facts, node, kind, frame, named_handlers, raw_calls)
        for name in node._fields:
            value = getattr(node, name, None)
            if value.__class__ is list:
                for item in value:
                    if isinstance(item, ast.AST):
                        push((item, frame))
            elif isinstance(value, ast.AST) and name != "ctx":
                push((value, frame))
    facts.calls = [CallSite(call, facts.qualify(call.func), scope) for call, scope in raw_calls]
    return facts


_Frame = tuple[Scope | None, str]  # the enclosing function and the dotted prefix of names
_KINDS: dict[type, str] = {
    ast.FunctionDef: "def",
    ast.AsyncFunctionDef: "def",
    ast.ClassDef: "class",
    ast.Call: "call",
    ast.ExceptHandler: "except",
    ast.Try: "try",
    ast.TryStar: "try",
    ast.Assign: "assign",
    ast.AnnAssign: "assign",
    ast.Attribute: "attribute",
    ast.Import: "import",
    ast.ImportFrom: "import",
    ast.Constant: "constant",
}


def _note(
    facts: ModuleFacts,
    node: ast.AST,
    kind: str,
    frame: _Frame,
    named_handlers: frozenset[str],
    raw_calls: list[tuple[ast.Call, Scope | None]],
) -> _Frame:
    """Record one node of interest; the frame its children are in."""
    scope, prefix = frame
    if kind == "call":
        raw_calls.append((cast(ast.Call, node), scope))
    elif kind == "attribute":
        attribute = cast(ast.Attribute, node)
        if attribute.attr in _interesting_attributes():
            facts.attributes.append((attribute, scope))
    elif kind == "constant":
        if _temp_constant(node):
            facts.temp_paths.append((cast(ast.Constant, node), scope))
    elif kind == "assign":
        assign = cast(ast.Assign | ast.AnnAssign, node)
        facts.assigns.append((assign, scope))
        if scope is None and not prefix:
            _remember_constant(facts, assign)
    elif kind == "def":
        node = cast(FunctionNode, node)
        qualname = f"{prefix}{node.name}"
        handler = qualname in named_handlers or is_handler(node, module_level=not prefix)
        inner = Scope(node, qualname, not prefix, handler)
        facts.functions.append(inner)
        return inner, f"{qualname}."
    elif kind == "class":
        facts.classes.add(cast(ast.ClassDef, node).name)
        return scope, f"{prefix}{cast(ast.ClassDef, node).name}."
    elif kind == "except":
        facts.handlers.append((cast(ast.ExceptHandler, node), scope))
    elif kind == "try":
        facts.tries.append((cast(ast.Try | ast.TryStar, node), scope))
    elif kind == "import":
        _remember_import(facts.imports, cast(ast.Import | ast.ImportFrom, node))
    return frame


def _temp_constant(node: ast.AST) -> bool:
    return (
        isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and node.value.startswith("/tmp/")  # noqa: S108 - what PY046 looks for
    )


@cache
def _interesting_attributes() -> frozenset[str]:
    data = checks()
    tails = {name.rsplit(".", 1)[-1] for name in (*data.cert_none, *data.unverified_contexts)}
    return frozenset({*data.ecb_attributes, *data.tls_attributes, *tails})


def _remember_import(imports: dict[str, str], node: ast.Import | ast.ImportFrom) -> None:
    if isinstance(node, ast.Import):
        for alias in node.names:
            if alias.asname:
                imports[alias.asname] = alias.name
            else:
                head = alias.name.split(".", 1)[0]
                imports.setdefault(head, head)
        return
    base = "." * node.level + (node.module or "")
    for alias in node.names:
        if alias.name != "*":
            imports[alias.asname or alias.name] = f"{base}.{alias.name}" if base else alias.name


def _remember_constant(facts: ModuleFacts, node: ast.Assign | ast.AnnAssign) -> None:
    targets = node.targets if isinstance(node, ast.Assign) else [node.target]
    if node.value is None:
        return
    for target in targets:
        if not isinstance(target, ast.Name):
            continue
        if target.id in facts.constants or target.id in facts.reassigned:
            facts.constants.pop(target.id, None)  # assigned twice: not a constant
            facts.reassigned.add(target.id)
        else:
            facts.constants[target.id] = node.value


def dotted(expr: ast.expr) -> str | None:
    """`a.b.c` for a chain of names and attributes, else None."""
    parts: list[str] = []
    while isinstance(expr, ast.Attribute):
        parts.append(expr.attr)
        expr = expr.value
    if not isinstance(expr, ast.Name):
        return None
    parts.append(expr.id)
    return ".".join(reversed(parts))


def qualify(expr: ast.expr, imports: dict[str, str]) -> str | None:
    """The fully qualified name of a dotted expression under the module's imports."""
    name = dotted(expr)
    if name is None:
        return None
    head, _, rest = name.partition(".")
    base = imports.get(head)
    if base is None:
        return name
    return f"{base}.{rest}" if rest else base


def last_name(expr: ast.expr) -> str | None:
    """`c` for `a.b.c`, `f` for `f`, the called name for `a.b()`."""
    if isinstance(expr, ast.Attribute):
        return expr.attr
    if isinstance(expr, ast.Name):
        return expr.id
    return None


def is_handler(node: FunctionNode, *, module_level: bool) -> bool:
    """A function that answers requests: a module-level ``(event, context)`` function whatever
    its parameter names, a function behind a route decorator, or one taking an HttpRequest."""
    routes = checks().route_decorators
    for decorator in node.decorator_list:
        target = decorator.func if isinstance(decorator, ast.Call) else decorator
        if isinstance(target, ast.Attribute) and target.attr in routes:
            return True
    params = [*node.args.posonlyargs, *node.args.args]
    if module_level and len(params) == 2 and not node.args.vararg:
        first, second = (p.arg.lower() for p in params)
        if _CONTEXT.search(second) or _EVENT.search(first):
            return True
    return any(
        param.annotation is not None and last_name(param.annotation) == "HttpRequest"
        for param in params
    )


def target_name(target: ast.expr) -> str | None:
    """The name a value is stored under: `x`, `obj.x`, `d["x"]`."""
    if isinstance(target, ast.Name):
        return target.id
    if isinstance(target, ast.Attribute):
        return target.attr
    if isinstance(target, ast.Subscript) and isinstance(target.slice, ast.Constant):
        key = target.slice.value
        return key if isinstance(key, str) else None
    return None


def assigned_names(node: ast.Assign | ast.AnnAssign) -> list[str]:
    targets = node.targets if isinstance(node, ast.Assign) else [node.target]
    names: list[str] = []
    for target in targets:
        elements = target.elts if isinstance(target, ast.Tuple | ast.List) else [target]
        names.extend(n for n in (target_name(e) for e in elements) if n)
    return names


def mentioned_names(expr: ast.AST) -> Iterator[str]:
    """Every name an expression reads: variables, attributes, constant subscript keys and
    constant `.get("key")` arguments."""
    for node in ast.walk(expr):
        if isinstance(node, ast.Name):
            yield node.id
        elif isinstance(node, ast.Attribute):
            yield node.attr
        elif isinstance(node, ast.Subscript) and isinstance(node.slice, ast.Constant):
            if isinstance(node.slice.value, str):
                yield node.slice.value
        elif (
            isinstance(node, ast.Call)
            and last_name(node.func) == "get"
            and node.args
            and isinstance(node.args[0], ast.Constant)
            and isinstance(node.args[0].value, str)
        ):
            yield node.args[0].value


def contains(expr: ast.AST, wanted: set[int]) -> bool:
    """Whether any node of `expr` (by identity) is among `wanted`."""
    return any(id(node) in wanted for node in ast.walk(expr))


def keyword(call: ast.Call, name: str) -> ast.expr | None:
    return next((k.value for k in call.keywords if k.arg == name), None)


def is_false(expr: ast.expr | None) -> bool:
    return isinstance(expr, ast.Constant) and expr.value is False


def scope_name(scope: Scope | None) -> str:
    return scope.qualname if scope is not None else "<module>"


def snippet(module: Module, node: ast.AST, limit: int = 80) -> str:
    """The source text of a node on one line, shortened: for messages and fingerprints."""
    text = ast.get_source_segment(module.text, node) or ""
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else f"{flat[: limit - 3]}..."


__all__ = [
    "CallSite",
    "ModuleFacts",
    "Scope",
    "assigned_names",
    "collect",
    "contains",
    "dotted",
    "is_false",
    "is_handler",
    "keyword",
    "last_name",
    "mentioned_names",
    "module_facts",
    "qualify",
    "scope_name",
    "snippet",
    "target_name",
]
