"""Entry points: the functions untrusted input arrives through, and the triggers behind them.

From the model: each function's `Handler` (`app.handler`, `src/app.handler`) under its code
directory. By shape, where no template maps a file: module-level ``(event, context)`` functions
whatever the names (sync or async), routes of Chalice, Powertools event handler, Flask and FastAPI
apps (served by Mangum, serverless-wsgi or Zappa), Azure Functions (typed ``func.HttpRequest``
parameters and the v2 decorators) and Google Cloud Functions (``functions_framework``).
"""

from __future__ import annotations

import ast
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from enum import Enum

from faasguard.analysis.python.catalog import Catalog, SourceSpec
from faasguard.analysis.python.scope import FunctionInfo, ModuleInfo, dotted
from faasguard.analysis.python.values import Value
from faasguard.model.app import App, Function


class Framework(str, Enum):
    LAMBDA = "lambda"
    CHALICE = "chalice"
    POWERTOOLS = "powertools"
    FLASK = "flask"
    FASTAPI = "fastapi"
    AZURE = "azure"
    GCP = "gcp"


_KIND_FRAMEWORK = {
    "chalice-app": Framework.CHALICE,
    "powertools-resolver": Framework.POWERTOOLS,
    "flask-app": Framework.FLASK,
    "fastapi-app": Framework.FASTAPI,
    "azure-app": Framework.AZURE,
    "module:functions_framework": Framework.GCP,
}
_EVENT_NAME = re.compile(r"_*(event|evt|lambda_event|payload|raw_event)")
_CONTEXT_NAME = re.compile(r"_*(context|ctx|lambda_context|lambda_ctx|c|_+)")
_EVENT_KEYS = frozenset(
    {
        "body", "Records", "queryStringParameters", "pathParameters", "headers", "detail",
        "requestContext", "httpMethod", "routeKey", "rawPath", "rawQueryString", "cookies",
        "multiValueQueryStringParameters", "multiValueHeaders", "isBase64Encoded", "resource",
        "triggerSource", "userAttributes", "arguments", "awslogs", "detail-type", "stageVariables",
    }
)  # fmt: skip
_CONTEXT_ATTRS = frozenset(
    {
        "aws_request_id", "function_name", "get_remaining_time_in_millis", "invoked_function_arn",
        "log_stream_name", "log_group_name", "memory_limit_in_mb", "function_version",
        "client_context",
    }
)  # fmt: skip
_SAFE_CONVERTERS = re.compile(r"<(?:int|float|uuid):(\w+)>")


@dataclass(frozen=True, slots=True)
class Entry:
    function: FunctionInfo
    framework: Framework
    sources: tuple[tuple[str, SourceSpec | None], ...]  # parameter -> spec (None: a Lambda event)
    functions: tuple[Function, ...] = ()  # the model functions this code serves
    declared: bool = False  # named by a template as the handler, or served by a declared one
    validated: bool = False  # a decorator validates the event before the handler runs
    route: str = ""

    @property
    def key(self) -> str:
        return self.function.key


GlobalsOf = Callable[[ModuleInfo], dict[str, Value]]


def served_by(apps: Iterable[App], modules: dict[str, ModuleInfo]) -> dict[str, list[Function]]:
    """Module path -> the model functions whose handler is in it."""
    served: dict[str, list[Function]] = {}
    for function, module, _ in _model_handlers(apps, modules):
        served.setdefault(module.path, []).append(function)
    return served


def module_functions(
    apps: Iterable[App], modules: dict[str, ModuleInfo]
) -> dict[str, list[Function]]:
    """Module path -> the model functions running its code: those it is the handler of, else
    those whose code directory holds it."""
    functions = owners_of(apps, modules)
    functions.update(served_by(apps, modules))
    return functions


def discover(
    apps: Iterable[App], modules: dict[str, ModuleInfo], catalog: Catalog, globals_of: GlobalsOf
) -> list[Entry]:
    declared: dict[str, Entry] = {}
    served = served_by(apps, modules)
    owners = owners_of(apps, modules)
    for function, module, name in _model_handlers(apps, modules):
        target = module.functions.get(name)
        if target is None:
            continue  # `handler = Mangum(app)` and the like: the routes are the entries
        known = declared.get(target.key)
        functions = (*known.functions, function) if known else (function,)
        declared[target.key] = _lambda_entry(target, catalog, functions, declared=True)
    entries = list(declared.values())
    for module in modules.values():
        context = _ModuleContext(module, catalog, globals_of, owners, served)
        entries.extend(context.framework_entries(set(declared)))
        if module.path not in served:
            entries.extend(context.shape_entries(set(declared)))
    return entries


def _model_handlers(
    apps: Iterable[App], modules: dict[str, ModuleInfo]
) -> Iterable[tuple[Function, ModuleInfo, str]]:
    for app in apps:
        for function in app.functions.values():
            if function.handler is None or not function.handler.known or function.image:
                continue
            runtime = function.runtime.get("") if function.runtime else ""
            if isinstance(runtime, str) and runtime and not runtime.startswith("python"):
                continue
            text = str(function.handler.value)
            if "." not in text:
                continue
            module_part, name = text.rsplit(".", 1)
            base = (function.code_dir or "").strip("/")
            base = "" if base == "." else base
            for candidate in (module_part.replace(".", "/"), module_part):
                path = f"{base}/{candidate}.py" if base else f"{candidate}.py"
                if path in modules:
                    yield function, modules[path], name
                    break


def owners_of(apps: Iterable[App], modules: dict[str, ModuleInfo]) -> dict[str, list[Function]]:
    """Module path -> the model functions with the deepest code directory holding it."""
    by_dir: dict[str, list[Function]] = {}
    for app in apps:
        for function in app.functions.values():
            if function.code_dir is not None:
                folder = function.code_dir.strip("/")
                by_dir.setdefault("" if folder == "." else folder, []).append(function)
    owners: dict[str, list[Function]] = {}
    if not by_dir:
        return owners
    for path in modules:
        folder = path.rsplit("/", 1)[0] if "/" in path else ""
        while True:
            found = by_dir.get(folder)
            if found is not None:
                owners[path] = found
                break
            if not folder:
                break
            folder = folder.rsplit("/", 1)[0] if "/" in folder else ""
    return owners


def _lambda_entry(
    function: FunctionInfo, catalog: Catalog, functions: tuple[Function, ...], declared: bool
) -> Entry:
    sources: tuple[tuple[str, SourceSpec | None], ...] = ()
    if function.params:
        sources = ((function.params[0], None),)
    return Entry(
        function,
        Framework.LAMBDA,
        sources,
        functions,
        declared,
        _validated(function, catalog),
    )


def _validated(function: FunctionInfo, catalog: Catalog) -> bool:
    module = function.module
    for decorator in function.node.decorator_list:
        name = dotted(decorator.func if isinstance(decorator, ast.Call) else decorator) or ""
        head, _, rest = name.partition(".")
        qualified = module.imports.get(head, head) + (f".{rest}" if rest else "")
        if qualified in catalog.validating_decorators:
            return True
    return False


@dataclass(slots=True)
class _ModuleContext:
    module: ModuleInfo
    catalog: Catalog
    globals_of: GlobalsOf
    owners: dict[str, list[Function]]
    served: dict[str, list[Function]]

    @property
    def functions(self) -> tuple[Function, ...]:
        path = self.module.path
        return tuple(self.served.get(path) or self.owners.get(path) or ())

    def framework_entries(self, taken: set[str]) -> Iterable[Entry]:
        for function in self.module.every_function:
            if function.key in taken:
                continue
            entry = self._route(function) or self._typed(function)
            if entry is not None:
                taken.add(function.key)
                yield entry

    def shape_entries(self, taken: set[str]) -> Iterable[Entry]:
        for function in self.module.functions.values():
            if function.key not in taken and lambda_shape(function):
                yield _lambda_entry(function, self.catalog, self.functions, declared=False)

    def _route(self, function: FunctionInfo) -> Entry | None:
        for decorator in function.node.decorator_list:
            target = decorator.func if isinstance(decorator, ast.Call) else decorator
            if not isinstance(target, ast.Attribute):
                continue
            kind = self._kind(target.value)
            spec = self.catalog.route_decorators.get((kind, target.attr))
            if spec is None:
                continue
            route = _route_text(decorator, target.attr)
            params = self._route_params(function, spec, route)
            return Entry(
                function,
                _KIND_FRAMEWORK.get(kind, Framework.LAMBDA),
                tuple((p, spec) for p in params),
                self.functions,
                self.module.path in self.served,
                _validated(function, self.catalog),
                route,
            )
        return None

    def _kind(self, node: ast.expr) -> str:
        if isinstance(node, ast.Name):
            value = self.globals_of(self.module).get(node.id)
            if value is not None and value.kind:
                return value.kind
            imported = self.module.imports.get(node.id)
            return f"module:{imported}" if imported else ""
        return ""

    def _route_params(self, function: FunctionInfo, spec: SourceSpec, route: str) -> list[str]:
        params = [p for p in function.params if p not in ("self", "cls")]
        if spec.whole:
            return params[:1]
        safe = set(_SAFE_CONVERTERS.findall(route))
        out = []
        for name in params:
            annotation = function.annotations.get(name)
            typed_safe = annotation is not None and _safe(annotation, self.module)
            if name in safe or (spec.typed and typed_safe):
                continue
            out.append(name)
        return out

    def _typed(self, function: FunctionInfo) -> Entry | None:
        found: list[tuple[str, SourceSpec | None]] = []
        framework = Framework.FLASK
        typed = self.catalog.typed_params
        for name, annotation in function.annotations.items():
            written = dotted(annotation) or ""
            head, _, rest = written.partition(".")
            qualified = self.module.imports.get(head, head) + (f".{rest}" if rest else "")
            spec = typed.get(qualified) or typed.get(written)
            if spec is not None:
                found.append((name, spec))
                if qualified.startswith("azure."):
                    framework = Framework.AZURE
        if not found:
            return None
        return Entry(function, framework, tuple(found), self.functions, False)


def _safe(annotation: ast.expr, module: ModuleInfo) -> bool:
    """A parameter type the framework validates into something that carries no injection."""
    if isinstance(annotation, ast.Subscript):
        name = (dotted(annotation.value) or "").rsplit(".", 1)[-1]
        return name == "Literal"
    name = (dotted(annotation) or "").rsplit(".", 1)[-1]
    if name in {"int", "float", "bool", "UUID", "date", "datetime", "Decimal", "PositiveInt"}:
        return True
    cls = module.classes.get(name)
    return cls is not None and any(b.rsplit(".", 1)[-1].endswith("Enum") for b in cls.base_names)


def _route_text(decorator: ast.expr, method: str) -> str:
    if isinstance(decorator, ast.Call) and decorator.args:
        first = decorator.args[0]
        if isinstance(first, ast.Constant) and isinstance(first.value, str):
            verb = method.upper() if method not in ("route", "api_route") else ""
            return f"{verb} {first.value}".strip()
    for keyword in decorator.keywords if isinstance(decorator, ast.Call) else ():
        if keyword.arg in ("route", "rule", "path") and isinstance(keyword.value, ast.Constant):
            return str(keyword.value.value)
    return ""


def lambda_shape(function: FunctionInfo) -> bool:
    """A module-level function that looks like a Lambda handler: (event, context)."""
    if len(function.params) != 2 or function.vararg or function.kwonly or function.cls:
        return False
    event, context = function.params
    if _CONTEXT_NAME.fullmatch(context) or _EVENT_NAME.fullmatch(event):
        return True
    for node in ast.walk(function.node):
        if isinstance(node, ast.Subscript) and _is_name(node.value, event):
            key = node.slice
            if isinstance(key, ast.Constant) and key.value in _EVENT_KEYS:
                return True
        elif isinstance(node, ast.Attribute) and _is_name(node.value, context):
            if node.attr in _CONTEXT_ATTRS:
                return True
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            if node.func.attr == "get" and _is_name(node.func.value, event) and node.args:
                key = node.args[0]
                if isinstance(key, ast.Constant) and key.value in _EVENT_KEYS:
                    return True
    return False


def _is_name(node: ast.expr, name: str) -> bool:
    return isinstance(node, ast.Name) and node.id == name


__all__ = [
    "Entry",
    "Framework",
    "discover",
    "lambda_shape",
    "module_functions",
    "owners_of",
    "served_by",
]
