"""Objects and calls for the flow analysis: attributes of modules, classes and instances,
calls of project functions (binding their parameters, reading their returns), of external
names (``boto3.client``, ``os.environ.get``) and of SDK objects, and which code each scope
refers to (the reachability edges).
"""

from __future__ import annotations

import ast
from collections import Counter

from faasguard.iam.infer.calls import Args, SdkCall
from faasguard.iam.infer.exprs import Evaluator, event_path, text_method
from faasguard.iam.infer.imports import ImportBinder
from faasguard.iam.infer.powertools import Powertools
from faasguard.iam.infer.program import Program, Scope
from faasguard.iam.infer.resource_api import ResourceApi
from faasguard.iam.infer.sdk import Sdk, Site, literal_text
from faasguard.iam.infer.values import (
    ANY,
    NOTHING,
    BoundMethod,
    ClassRef,
    Client,
    DictV,
    Env,
    EventField,
    Ext,
    FuncRef,
    Helper,
    Instance,
    ListV,
    ModuleRef,
    ResourceObj,
    ServiceResource,
    Session,
    Str,
    Value,
    Values,
    join,
    one,
    strings,
)

VarKey = tuple[str, str, str]  # ("v", scope, name) | ("a", class, attribute) | ("r", function, "")
MAX_EAGER_DEPTH = 24
_SDK = (Session, Client, ServiceResource, ResourceObj, Helper)
_WANTS_ARGS = (*_SDK, FuncRef, BoundMethod, ClassRef, Instance, ModuleRef)
_MODELLED_ROOTS = frozenset(
    {"boto3", "botocore", "aioboto3", "aiobotocore", "s3transfer", "aws_lambda_powertools", "os"}
)
_MODELLED_NAMES = frozenset({"dict", "str", "list", "tuple", "getattr", "getenv"})


class ObjectModel(Evaluator):
    """The part of the flow analysis that gives objects their attributes and calls their
    meaning; the store and the worklist are :class:`~faasguard.iam.infer.flow.Flow`'s."""

    program: Program
    imports: ImportBinder
    sdk: Sdk
    resources: ResourceApi
    powertools: Powertools
    edges: dict[str, set[str]]
    runs: Counter[str]
    calls: list[SdkCall]
    sdk_scopes: set[str]
    recording: bool
    scope: Scope
    node: ast.AST | None
    depth: int

    def read(self, key: VarKey) -> Values:  # pragma: no cover - provided by Flow
        raise NotImplementedError

    def write(self, key: VarKey, values: Values) -> None:  # pragma: no cover
        raise NotImplementedError

    def enqueue(self, key: str) -> None:  # pragma: no cover
        raise NotImplementedError

    def run_scope(self, scope: Scope) -> None:  # pragma: no cover
        raise NotImplementedError

    # ------------------------------------------------------------------ objects
    def class_attribute(self, cls: str, name: str, depth: int = 0) -> Values:
        found = self.read(("a", cls, name))
        if found or depth > 5:
            return found
        for base in self.read(("a", cls, "<bases>")):
            if isinstance(base, ClassRef):
                inherited = self.class_attribute(base.key, name, depth + 1)
                if inherited:
                    return inherited
        return NOTHING

    def attribute(self, value: Value, name: str) -> Values:
        if isinstance(value, Ext):
            return one(Ext(f"{value.path}.{name}"))
        if isinstance(value, ModuleRef):
            return self.imports.module_attribute(value, name, self.read)
        if isinstance(value, ClassRef):
            return self.class_attribute(value.key, name) or ANY
        if isinstance(value, Instance):
            found = self.class_attribute(value.cls, name)
            return join(*(self._bind_method(value, f) for f in found)) if found else ANY
        if isinstance(value, _SDK):
            attribute = self.resources.attribute(value, name, self._site())
            return attribute if attribute is not None else ANY
        return ANY

    def _bind_method(self, owner: Instance, value: Value) -> Values:
        if not isinstance(value, FuncRef):
            return one(value)
        scope = self.program.scopes.get(value.key)
        kind = _method_kind(scope)
        if kind == "static":
            return one(value)
        self_value: Value = ClassRef(owner.cls) if kind == "class" else owner
        return one(BoundMethod(owner.cls, value.key, self_value))

    def seen(self, values: Values) -> None:
        edges = self.edges[self.scope.key]
        for value in values:
            if isinstance(value, FuncRef):
                self._refer(edges, value.key)
            elif isinstance(value, BoundMethod):
                self._refer(edges, value.func)
            elif isinstance(value, ClassRef):
                self._refer(edges, value.key)
            elif isinstance(value, Instance):
                self._refer(edges, value.cls)

    def _refer(self, edges: set[str], key: str) -> None:
        if key in edges:
            return
        edges.add(key)
        scope = self.program.scopes.get(key)
        if scope is None:
            return
        targets = [scope, *scope.children] if scope.kind == "class" else [scope]
        targets.append(self.program.modules[scope.module.path])
        for target in targets:
            if not self.runs[target.key] and not self.recording:
                self.enqueue(target.key)

    def iterate(self, values: Values) -> Values:
        found: list[Values] = []
        for value in values:
            if isinstance(value, ListV):
                found.extend(value.items)
            elif event_path(value) is not None:
                path = event_path(value) or ()
                found.append(one(Str((EventField((*path, "*")),))))
            elif isinstance(value, Helper):
                found.append(self.resources.iterate(value) or ANY)
            else:
                found.append(ANY)
        return join(*found) if found else ANY

    # ------------------------------------------------------------------ calls
    def wants_arguments(self, callees: Values, method: str | None) -> bool:
        for value in callees:
            if isinstance(value, _WANTS_ARGS):
                return True
            if isinstance(value, Ext):
                path = f"{value.path}.{method}" if method else value.path
                if path.split(".", 1)[0] in _MODELLED_ROOTS or path in _MODELLED_NAMES:
                    return True
                if (path.endswith((".get", ".getenv")) and "environ" in path) or path == "getenv":
                    return True
            elif (isinstance(value, Str) and (method == "get" or method == "format")) or (
                isinstance(value, DictV) and method == "get"
            ):
                return True
        return False

    def _site(self) -> Site | None:
        if not self.recording or self.node is None:
            return None
        return Site(self.scope.key, self.scope.module.location(self.node))

    def call_method(self, owner: Value, name: str, args: Args, node: ast.Call) -> Values:
        self.node = node
        if isinstance(owner, _SDK):
            self.sdk_scopes.add(self.scope.key)
            site = self._site()
            for model in (self.sdk, self.resources, self.powertools):
                found = model.method(owner, name, args, site)
                if found is not None:
                    return found
            return ANY
        if isinstance(owner, Str):
            return text_method(owner, name, args)
        if isinstance(owner, DictV) and name == "get":
            key = literal_text(args.get(0, None))
            value = owner.get(key) if key is not None else None
            return join(value or ANY, args.get(1, None) or NOTHING)
        return join(*(self.call_value(c, args, node) for c in self.attribute(owner, name)))

    def call_value(self, callee: Value, args: Args, node: ast.Call) -> Values:
        self.node = node
        if isinstance(callee, FuncRef):
            return self._invoke(callee.key, args, None)
        if isinstance(callee, BoundMethod):
            return self._invoke(callee.func, args, callee.self_value)
        if isinstance(callee, ClassRef):
            self._refer(self.edges[self.scope.key], callee.key)
            instance = Instance(callee.key)
            for init in self.class_attribute(callee.key, "__init__"):
                if isinstance(init, FuncRef):
                    self._invoke(init.key, args, instance)
            return one(instance)
        if isinstance(callee, Ext):
            return self._external(callee.path, args, node)
        return ANY

    def _invoke(self, key: str, args: Args, self_value: Value | None) -> Values:
        scope = self.program.scopes.get(key)
        if scope is None or scope.kind != "function":
            return ANY
        self._refer(self.edges[self.scope.key], key)
        params = list(scope.params)
        if self_value is not None and params:
            self.write(("v", key, params.pop(0)), one(self_value))
        for position, value in enumerate(args.positional):
            if position < len(params):
                self.write(("v", key, params[position]), value)
        for name, value in args.keywords:
            if name in scope.locals and (name in scope.params or name in scope.kwonly):
                self.write(("v", key, name), value)
        if not self.runs[key] and not self.recording and self.depth < MAX_EAGER_DEPTH:
            self.depth += 1  # run a callee once before reading its return value
            try:
                self.run_scope(scope)
            finally:
                self.depth -= 1
        return self.read(("r", key, "")) or ANY

    def _external(self, path: str, args: Args, node: ast.Call) -> Values:
        site = self._site()
        for model in (self.sdk, self.powertools):
            found = model.construct(path, args, site)
            if found is not None:
                self.sdk_scopes.add(self.scope.key)
                return found
        if path in ("os.environ.get", "os.getenv", "getenv", "environ.get"):
            return self._env(args)
        if path == "dict":
            return one(DictV(tuple((Str.of(k), v) for k, v in args.keywords), args.open))
        if path in ("str", "list", "tuple"):
            return args.get(0, None) or ANY
        if path == "getattr":
            return self._getattr(args, node)
        return ANY

    def _env(self, args: Args) -> Values:
        name = literal_text(args.get(0, "key"))
        if name is None:
            return ANY
        defaults = strings(args.get(1, "default") or NOTHING)
        default = defaults[0] if len(defaults) == 1 else None
        return one(Str((Env(name, default),)))

    def _getattr(self, args: Args, node: ast.Call) -> Values:
        owners = args.get(0, None) or NOTHING
        name = literal_text(args.get(1, None))
        if name is not None:
            return join(*(self.attribute(owner, name) for owner in owners))
        site = self._site()
        for owner in owners:
            if isinstance(owner, Client) and site is not None:
                label = f"{owner.service or '?'}.<getattr>"
                problem = "the method name is computed (getattr)"
                self.calls.append(
                    SdkCall(site.scope, site.location, label, creds=owner.creds, problem=problem)
                )
        return ANY


def _method_kind(scope: Scope | None) -> str:
    if scope is None or not isinstance(scope.node, ast.FunctionDef | ast.AsyncFunctionDef):
        return "method"
    for decorator in scope.node.decorator_list:
        if isinstance(decorator, ast.Name) and decorator.id in ("staticmethod", "classmethod"):
            return decorator.id.removesuffix("method")
    return "method"


__all__ = ["MAX_EAGER_DEPTH", "ObjectModel", "VarKey"]
