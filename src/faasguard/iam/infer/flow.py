"""The whole project's code, run abstractly until nothing new is learnt; then every SDK call.

A flow-insensitive analysis over every scope (module, function, class): each variable holds
the union of what is ever assigned to it; attributes set on ``self`` belong to the class;
calls of project functions bind their parameters and read their return values, so a client
created in one module, stored on a class or a module global, passed to a helper in another
module, is still that client where it is used. A worklist re-runs a scope only when a value
it read has grown, which keeps large projects linear in practice. A last pass records every
SDK call with the values of its arguments, and which functions each scope refers to.
"""

from __future__ import annotations

import ast
from collections import Counter, defaultdict, deque
from collections.abc import Iterable

from faasguard.iam.infer.callmap import CallMap
from faasguard.iam.infer.calls import SdkCall
from faasguard.iam.infer.imports import ImportBinder
from faasguard.iam.infer.objects import ObjectModel, VarKey
from faasguard.iam.infer.powertools import Powertools
from faasguard.iam.infer.program import Program, Scope
from faasguard.iam.infer.resource_api import ResourceApi
from faasguard.iam.infer.sdk import Sdk
from faasguard.iam.infer.values import (
    ANY,
    NOTHING,
    ClassRef,
    DictV,
    EventField,
    Ext,
    FuncRef,
    Instance,
    ListV,
    Str,
    Value,
    Values,
    join,
    one,
    strings,
    widen,
)

MAX_RUNS_PER_SCOPE = 12
MAX_GROWTH = 4


class Flow(ObjectModel):
    def __init__(self, program: Program, cmap: CallMap, entries: Iterable[str]) -> None:
        self.program = program
        self.vars: dict[VarKey, Values] = {}
        self.growth: Counter[VarKey] = Counter()
        self.readers: dict[VarKey, set[str]] = defaultdict(set)
        self.queue: deque[str] = deque()
        self.queued: set[str] = set()
        self.calls: list[SdkCall] = []
        self.edges: dict[str, set[str]] = defaultdict(set)
        self.recording = False
        self.scope: Scope = next(iter(program.modules.values()), None)  # type: ignore[assignment]
        self.node: ast.AST | None = None
        self.sdk = Sdk(cmap, self.calls.append)
        self.resources = ResourceApi(cmap, self.calls.append)
        self.powertools = Powertools(cmap, self.calls.append)
        self.imports = ImportBinder(program)
        self.entries = set(entries)
        self.runs: Counter[str] = Counter()
        self.depth = 0
        self.sdk_scopes: set[str] = set()  # scopes that touch SDK objects: recorded at the end
        self._order: dict[str, int] = {}

    # ------------------------------------------------------------------ driver
    def run(self) -> None:
        for scope in self.program.scopes.values():
            self._define(scope)
        for key in self.entries:
            entry = self.program.scopes.get(key)
            if entry is not None and entry.params:
                self.write(("v", key, entry.params[0]), one(Str((EventField(()),))))
        for key in self._initial_order():
            scope = self.program.scopes[key]
            if scope.kind != "function" or key in self.entries:
                self.enqueue(key)  # other functions run when called or referenced
        while self.queue:
            key = self.queue.popleft()
            if key in self.queued:
                self.run_scope(self.program.scopes[key])
        self.recording = True
        for key in sorted(self.sdk_scopes, key=lambda k: self._order.get(k, len(self._order))):
            self.run_scope(self.program.scopes[key])

    def _initial_order(self) -> list[str]:
        """The modules of the entry points and what they import, each after the project
        modules it imports and before its own functions: values mostly flow from definitions
        to uses, so fewer scopes run twice. Code no entry point imports is not run."""
        order: list[str] = []
        done: set[str] = set()
        starts = {
            self.program.scopes[k].module.path for k in self.entries if k in self.program.scopes
        }
        for path in self.program.modules:
            if path in starts:
                self._visit(path, order, done)
        self._order = {key: i for i, key in enumerate(order)}
        return order

    def _visit(self, path: str, order: list[str], done: set[str]) -> None:
        stack = [(path, False)]
        while stack:
            current, expanded = stack.pop()
            if expanded:
                module = self.program.modules[current]
                order.extend(s.key for s in _walk(module))
                continue
            if current in done:
                continue
            done.add(current)
            stack.append((current, True))
            for dependency in self.imports.dependencies(self.program.modules[current]):
                if dependency not in done:
                    stack.append((dependency, False))

    def _define(self, scope: Scope) -> None:
        for child in scope.children:
            value: Value = ClassRef(child.key) if child.kind == "class" else FuncRef(child.key)
            self.write(self._store_key(scope, child.name), one(value))

    def enqueue(self, key: str) -> None:
        if key not in self.queued:
            self.queued.add(key)
            self.queue.append(key)

    def run_scope(self, scope: Scope) -> None:
        self.queued.discard(scope.key)
        self.runs[scope.key] += 1
        if self.runs[scope.key] > MAX_RUNS_PER_SCOPE and not self.recording:
            return
        saved = (self.scope, self.node)
        self.scope = scope
        try:
            for statement in scope.body:
                self.statement(statement)
        finally:
            self.scope, self.node = saved

    # ------------------------------------------------------------------ store
    def read(self, key: VarKey) -> Values:
        self.readers[key].add(self.scope.key)
        return self.vars.get(key, NOTHING)

    def write(self, key: VarKey, values: Values) -> None:
        old = self.vars.get(key, NOTHING)
        new = join(old, values)
        if new == old:
            return
        self.growth[key] += 1
        if self.growth[key] > MAX_GROWTH:
            new = widen(new)  # a value that keeps growing (d = {**d, ...}) stops here
            if new == old:
                return
        self.vars[key] = new
        for reader in self.readers.get(key, ()):
            self.enqueue(reader)

    def _store_key(self, scope: Scope, name: str) -> VarKey:
        if scope.kind == "class":
            return ("a", scope.key, name)
        return ("v", scope.key, name)

    def _name_key(self, name: str) -> VarKey | None:
        scope: Scope | None = self.scope
        if name in self.scope.globals:
            return ("v", self.scope.module.path, name)
        first = True
        while scope is not None:
            if scope.kind == "class":
                if first and name in scope.locals:
                    return ("a", scope.key, name)
            elif name in scope.locals:
                return ("v", scope.key, name)
            scope, first = scope.parent, False
        return None

    def lookup(self, name: str) -> Values:
        key = self._name_key(name)
        if key is None:
            return one(Ext(name))  # a builtin, or a name the code never defines
        return self.read(key)

    # ------------------------------------------------------------------ statements
    def statement(self, node: ast.stmt) -> None:
        self.node = node
        if isinstance(node, ast.Assign):
            found = self.ev(node.value)
            for target in node.targets:
                self.assign(target, found)
        elif isinstance(node, ast.AnnAssign):
            if node.value is not None:
                self.assign(node.target, self.ev(node.value))
        elif isinstance(node, ast.AugAssign):
            combined = ast.BinOp(left=_load(node.target), op=node.op, right=node.value)
            self.assign(node.target, self.ev(combined))
        elif isinstance(node, ast.For | ast.AsyncFor):
            self.assign(node.target, self.iterate(self.ev(node.iter)))
            self._block(node.body, node.orelse)
        elif isinstance(node, ast.With | ast.AsyncWith):
            for item in node.items:
                found = self.ev(item.context_expr)
                if item.optional_vars is not None:
                    self.assign(item.optional_vars, found)
            self._block(node.body)
        elif isinstance(node, ast.Return):
            if node.value is not None and self.scope.kind == "function":
                self.write(("r", self.scope.key, ""), self.ev(node.value))
        elif isinstance(node, ast.Import | ast.ImportFrom):
            self._import(node)
        elif isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            self._function_def(node)
        elif isinstance(node, ast.ClassDef):
            self._class_def(node)
        else:
            self._other(node)

    def _block(self, *bodies: list[ast.stmt]) -> None:
        for body in bodies:
            for statement in body:
                self.statement(statement)

    def _other(self, node: ast.stmt) -> None:
        for field in ("test", "value", "exc", "cause", "msg", "subject"):
            child = getattr(node, field, None)
            if isinstance(child, ast.expr):
                self.ev(child)
        if isinstance(node, ast.Delete):
            for target in node.targets:
                self.ev(target)
        for field in ("body", "orelse", "finalbody"):
            self._block(getattr(node, field, None) or [])
        for handler in getattr(node, "handlers", None) or []:
            if handler.type is not None:
                self.ev(handler.type)
            self._block(handler.body)
        for case in getattr(node, "cases", None) or []:
            if case.guard is not None:
                self.ev(case.guard)
            self._block(case.body)

    def _function_def(self, node: ast.FunctionDef | ast.AsyncFunctionDef) -> None:
        for decorator in node.decorator_list:
            self.ev(decorator)
        child = self.program.by_node.get(id(node))
        if child is None:
            return
        if node.decorator_list:
            self._refer(self.edges[self.scope.key], child.key)  # registered routes, callbacks
        positional = child.params
        defaults = node.args.defaults
        for name, default in zip(
            positional[len(positional) - len(defaults) :], defaults, strict=True
        ):
            self.write(("v", child.key, name), self.ev(default))
        for name, kw_default in zip(child.kwonly, node.args.kw_defaults, strict=True):
            if kw_default is not None:
                self.write(("v", child.key, name), self.ev(kw_default))

    def _class_def(self, node: ast.ClassDef) -> None:
        child = self.program.by_node.get(id(node))
        bases = join(*(self.ev(base) for base in node.bases)) if node.bases else NOTHING
        for decorator in node.decorator_list:
            self.ev(decorator)
        if child is not None and bases:
            self.write(("a", child.key, "<bases>"), bases)

    def _import(self, node: ast.Import | ast.ImportFrom) -> None:
        for path in self.imports.modules_of(node, self.scope):
            self.edges[self.scope.key].add(path)
            if not self.runs[path] and not self.recording:
                self.enqueue(path)  # importing runs the module's top level
        for name, values in self.imports.bind(node, self.scope, self.read):
            self.write(self._assign_key(name), values)

    # ------------------------------------------------------------------ assignment
    def _assign_key(self, name: str) -> VarKey:
        key = self._name_key(name)
        return key if key is not None else self._store_key(self.scope, name)

    def assign(self, target: ast.expr, values: Values) -> None:
        if isinstance(target, ast.Name):
            self.write(self._assign_key(target.id), values)
        elif isinstance(target, ast.Attribute):
            for owner in self.ev(target.value):
                if isinstance(owner, Instance | ClassRef):
                    key = owner.cls if isinstance(owner, Instance) else owner.key
                    self.write(("a", key, target.attr), values)
        elif isinstance(target, ast.Tuple | ast.List):
            sequences = [v for v in values if isinstance(v, ListV)]
            for position, element in enumerate(target.elts):
                if isinstance(element, ast.Starred):
                    self.assign(element.value, ANY)
                    continue
                found = [s.items[position] for s in sequences if position < len(s.items)]
                self.assign(element, join(*found) if found else ANY)
        elif isinstance(target, ast.Subscript):
            owners = self.ev(target.value)
            keys = strings(self.ev(target.slice))
            if isinstance(target.value, ast.Name) and len(keys) == 1:
                grown = [
                    DictV((*d.items, (keys[0], values)), d.open)
                    for d in owners
                    if isinstance(d, DictV)
                ]
                if grown:
                    self.write(self._assign_key(target.value.id), frozenset(grown))
        elif isinstance(target, ast.Starred):
            self.assign(target.value, ANY)


def _walk(scope: Scope) -> list[Scope]:
    found = [scope]
    for child in scope.children:
        found.extend(_walk(child))
    return found


def _load(target: ast.expr) -> ast.expr:
    copy = ast.Name(id=target.id, ctx=ast.Load()) if isinstance(target, ast.Name) else target
    return ast.copy_location(copy, target)


__all__ = ["Flow"]
