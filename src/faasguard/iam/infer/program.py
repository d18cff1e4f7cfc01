"""The project's Python code as scopes: modules, functions, classes and their names.

Built once from the parsed modules (never imported or run). A scope knows the names it assigns
(its locals), its parameters, what it declares ``global``, the scope around it, and its own
statements without the bodies of nested functions and classes (those are scopes of their own).
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from dataclasses import dataclass, field

from faasguard.analysis.python.index import Module, PythonIndex

FunctionNode = ast.FunctionDef | ast.AsyncFunctionDef
_CONTEXT_NAMES = frozenset({"context", "ctx", "lambda_context", "_context", "_ctx", "_", "c"})


@dataclass(slots=True, eq=False)
class Scope:
    key: str  # module path, or "path:qualname" for functions and classes
    kind: str  # module | function | class
    module: Module
    node: ast.AST
    parent: Scope | None
    body: list[ast.stmt]
    locals: set[str] = field(default_factory=set)
    globals: set[str] = field(default_factory=set)
    params: list[str] = field(default_factory=list)
    vararg: str | None = None
    kwarg: str | None = None
    kwonly: list[str] = field(default_factory=list)
    cls: Scope | None = None  # the class a method belongs to
    children: list[Scope] = field(default_factory=list)
    imports: list[ast.Import | ast.ImportFrom] = field(default_factory=list)

    @property
    def function(self) -> FunctionNode:
        assert isinstance(self.node, ast.FunctionDef | ast.AsyncFunctionDef)
        return self.node

    @property
    def name(self) -> str:
        return getattr(self.node, "name", self.module.path)


@dataclass(slots=True, eq=False)
class Program:
    index: PythonIndex
    scopes: dict[str, Scope] = field(default_factory=dict)
    modules: dict[str, Scope] = field(default_factory=dict)  # module path -> its scope
    by_node: dict[int, Scope] = field(default_factory=dict)  # id(def node) -> scope

    def function_at(self, module_path: str, name: str) -> Scope | None:
        return self.scopes.get(f"{module_path}:{name}")

    def entry_points(self) -> Iterator[Scope]:
        """Module-level functions shaped like Lambda handlers: ``(event, context)``."""
        for scope in self.modules.values():
            for child in scope.children:
                if child.kind == "function" and _handler_shape(child):
                    yield child


def build_program(index: PythonIndex) -> Program:
    program = Program(index)
    for path, module in index.modules.items():
        scope = Scope(path, "module", module, module.tree, None, list(module.tree.body))
        program.modules[path] = scope
        _register(program, scope)
    return program


def _register(program: Program, scope: Scope) -> None:
    program.scopes[scope.key] = scope
    program.by_node[id(scope.node)] = scope
    prefix = "" if scope.kind == "module" else scope.key.split(":", 1)[1] + "."
    for node in _scan(scope):
        key = f"{scope.module.path}:{prefix}{node.name}"
        if isinstance(node, ast.ClassDef):
            child = Scope(key, "class", scope.module, node, scope, list(node.body))
        else:
            child = Scope(key, "function", scope.module, node, scope, list(node.body))
            _signature(child, node)
            if scope.kind == "class":
                child.cls = scope
        scope.children.append(child)
        _register(program, child)


def _signature(scope: Scope, node: FunctionNode) -> None:
    args = node.args
    scope.params = [a.arg for a in (*args.posonlyargs, *args.args)]
    scope.kwonly = [a.arg for a in args.kwonlyargs]
    scope.vararg = args.vararg.arg if args.vararg else None
    scope.kwarg = args.kwarg.arg if args.kwarg else None
    scope.locals.update(scope.params, scope.kwonly)
    scope.locals.update(n for n in (scope.vararg, scope.kwarg) if n)


def own_nodes(body: list[ast.stmt]) -> Iterator[ast.AST]:
    """Every node of a scope's statements, nested definitions included but not their bodies
    (their decorators, defaults and bases are the outer scope's)."""
    stack: list[ast.AST] = list(reversed(body))
    while stack:
        node = stack.pop()
        yield node
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            stack.extend(node.decorator_list)
            stack.extend(d for d in (*node.args.defaults, *node.args.kw_defaults) if d)
            continue
        if isinstance(node, ast.ClassDef):
            stack.extend(node.decorator_list)
            stack.extend(node.bases)
            stack.extend(k.value for k in node.keywords)
            continue
        if isinstance(node, ast.Lambda):
            continue
        stack.extend(reversed(list(ast.iter_child_nodes(node))))


def _scan(scope: Scope) -> list[FunctionNode | ast.ClassDef]:
    """One pass over a scope's own nodes: the names it assigns, its global declarations, its
    imports; returns its nested definitions in source order."""
    nested: list[FunctionNode | ast.ClassDef] = []
    assigned = scope.locals
    stack: list[ast.AST] = list(scope.body)
    while stack:
        node = stack.pop()
        if isinstance(node, ast.Name):
            if isinstance(node.ctx, ast.Store):
                assigned.add(node.id)
            continue
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            nested.append(node)
            assigned.add(node.name)
            stack.extend(node.decorator_list)
            if isinstance(node, ast.ClassDef):
                stack.extend(node.bases)
            else:
                stack.extend(d for d in (*node.args.defaults, *node.args.kw_defaults) if d)
            continue
        if isinstance(node, ast.Global | ast.Nonlocal):
            scope.globals.update(node.names)
        elif isinstance(node, ast.Import | ast.ImportFrom):
            scope.imports.append(node)
            assigned.update((a.asname or a.name).split(".")[0] for a in node.names)
        elif isinstance(node, ast.ExceptHandler) and node.name:
            assigned.add(node.name)
        elif isinstance(node, ast.Lambda):
            continue
        stack.extend(ast.iter_child_nodes(node))
    scope.locals -= scope.globals
    nested.sort(key=lambda n: (n.lineno, n.col_offset))
    return nested


def _handler_shape(scope: Scope) -> bool:
    if len(scope.params) != 2 or scope.vararg or scope.kwonly:
        return False
    event, context = scope.params
    return context in _CONTEXT_NAMES or event in ("event", "evt", "_event", "lambda_event")


__all__ = ["Program", "Scope", "build_program", "own_nodes"]
