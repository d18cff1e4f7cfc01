"""What each module of the index declares: imports, functions, methods, classes.

Names are resolved statically: an import binds a local name to a dotted name, and a dotted name
that starts with a module of the project resolves to that module's function, class or value.
Nothing is imported or executed.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass, field

from faasguard.analysis.python.index import Module, PythonIndex
from faasguard.analysis.python.values import Value

FunctionNode = ast.FunctionDef | ast.AsyncFunctionDef


@dataclass(slots=True, eq=False)
class FunctionInfo:
    key: str  # "path::Qual.name", unique in the project
    name: str
    qualname: str
    node: FunctionNode
    module: ModuleInfo
    cls: ClassInfo | None = None
    params: tuple[str, ...] = ()  # positional (or keyword) parameters, in order
    kwonly: tuple[str, ...] = ()
    vararg: str | None = None
    kwarg: str | None = None
    annotations: dict[str, ast.expr] = field(default_factory=dict)

    @property
    def all_params(self) -> tuple[str, ...]:
        extra = tuple(p for p in (self.vararg, self.kwarg) if p)
        return (*self.params, *self.kwonly, *extra)

    @property
    def is_method(self) -> bool:
        if self.cls is None:
            return False
        names = {_decorator_name(d) for d in self.node.decorator_list}
        return "staticmethod" not in names


@dataclass(slots=True, eq=False)
class ClassInfo:
    key: str
    name: str
    node: ast.ClassDef
    module: ModuleInfo
    methods: dict[str, FunctionInfo] = field(default_factory=dict)
    fields: tuple[str, ...] = ()  # annotated class-level names, in order
    annotations: dict[str, ast.expr] = field(default_factory=dict)
    base_names: tuple[str, ...] = ()  # bases as written (dotted)


@dataclass(slots=True, eq=False)
class ModuleInfo:
    module: Module
    imports: dict[str, str] = field(default_factory=dict)
    functions: dict[str, FunctionInfo] = field(default_factory=dict)  # module level
    classes: dict[str, ClassInfo] = field(default_factory=dict)
    every_function: list[FunctionInfo] = field(default_factory=list)  # incl. methods, nested
    globals: dict[str, Value] = field(default_factory=dict)
    lines: list[str] = field(default_factory=list)
    ready: bool = False  # module-level code has been evaluated

    @property
    def path(self) -> str:
        return self.module.path

    def line(self, number: int) -> str:
        return self.lines[number - 1].strip() if 0 < number <= len(self.lines) else ""


def _decorator_name(node: ast.expr) -> str:
    target = node.func if isinstance(node, ast.Call) else node
    return dotted(target) or ""


def dotted(node: ast.expr) -> str | None:
    """`a.b.c` for Name/Attribute chains, else None."""
    parts: list[str] = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if not isinstance(node, ast.Name):
        return None
    parts.append(node.id)
    return ".".join(reversed(parts))


def build_module(module: Module) -> ModuleInfo:
    info = ModuleInfo(module=module, lines=module.text.splitlines())
    collect_imports(info, module.tree.body)
    for node in module.tree.body:
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            info.functions[node.name] = _function(info, node, node.name, None)
        elif isinstance(node, ast.ClassDef):
            info.classes[node.name] = _class(info, node, node.name)
        elif isinstance(node, ast.If | ast.Try):  # conditional imports and definitions
            collect_imports(info, [n for n in ast.walk(node) if isinstance(n, ast.stmt)])
    return info


def collect_imports(info: ModuleInfo, body: list[ast.stmt]) -> None:
    package = info.module.name.rsplit(".", 1)[0] if "." in info.module.name else ""
    for node in body:
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.asname:
                    info.imports[alias.asname] = alias.name
                else:
                    head = alias.name.split(".", 1)[0]
                    info.imports[head] = head
        elif isinstance(node, ast.ImportFrom):
            base = _from_base(node, package, info.module.path.endswith("__init__.py"))
            for alias in node.names:
                if alias.name != "*":
                    name = f"{base}.{alias.name}" if base else alias.name
                    info.imports[alias.asname or alias.name] = name


def _from_base(node: ast.ImportFrom, package: str, is_package: bool) -> str:
    module = node.module or ""
    if not node.level:
        return module
    parts = package.split(".") if package else []
    if is_package and package:
        parts = [*parts, ""][:-1]
    drop = node.level - 1
    parts = parts[: len(parts) - drop] if drop else parts
    return ".".join(p for p in [*parts, module] if p)


def _function(
    info: ModuleInfo, node: FunctionNode, qualname: str, cls: ClassInfo | None
) -> FunctionInfo:
    args = node.args
    annotations = {
        a.arg: a.annotation
        for a in (*args.posonlyargs, *args.args, *args.kwonlyargs)
        if a.annotation is not None
    }
    function = FunctionInfo(
        key=f"{info.path}::{qualname}",
        name=node.name,
        qualname=qualname,
        node=node,
        module=info,
        cls=cls,
        params=tuple(a.arg for a in (*args.posonlyargs, *args.args)),
        kwonly=tuple(a.arg for a in args.kwonlyargs),
        vararg=args.vararg.arg if args.vararg else None,
        kwarg=args.kwarg.arg if args.kwarg else None,
        annotations=annotations,
    )
    info.every_function.append(function)
    for child in _nested_defs(node.body):
        _function(info, child, f"{qualname}.<locals>.{child.name}", None)
    return function


def _nested_defs(body: list[ast.stmt]) -> list[FunctionNode]:
    found: list[FunctionNode] = []
    stack = list(body)
    while stack:
        node = stack.pop()
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            found.append(node)
            continue
        if isinstance(node, ast.ClassDef):
            continue
        for name in ("body", "orelse", "finalbody"):
            block = getattr(node, name, None)
            if isinstance(block, list):
                stack.extend(block)
        for part in getattr(node, "handlers", None) or getattr(node, "cases", None) or ():
            stack.extend(part.body)
    return found


def _class(info: ModuleInfo, node: ast.ClassDef, qualname: str) -> ClassInfo:
    cls = ClassInfo(
        key=f"{info.path}::{qualname}",
        name=node.name,
        node=node,
        module=info,
        base_names=tuple(d for d in (dotted(b) for b in node.bases) if d),
    )
    names: list[str] = []
    for child in node.body:
        if isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef):
            cls.methods[child.name] = _function(info, child, f"{qualname}.{child.name}", cls)
        elif isinstance(child, ast.AnnAssign) and isinstance(child.target, ast.Name):
            names.append(child.target.id)
            cls.annotations[child.target.id] = child.annotation
    cls.fields = tuple(names)
    return cls


@dataclass(slots=True, eq=False)
class Resolver:
    """Dotted names to project modules, functions and classes (cached per importer).

    An import resolves first to a module of the importer's own code root (Lambda puts the
    function's code directory first on sys.path), then as the index resolves it."""

    index: PythonIndex
    modules: dict[str, ModuleInfo] = field(default_factory=dict)  # by path
    _cache: dict[tuple[str, str], str] = field(default_factory=dict)
    _by_root: dict[tuple[str, str], Module] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for module in self.index.modules.values():
            self._by_root.setdefault((code_root(module), module.name), module)

    def info(self, module: Module) -> ModuleInfo:
        found = self.modules.get(module.path)
        if found is None:
            found = self.modules[module.path] = build_module(module)
        return found

    def resolve(self, name: str, importer: ModuleInfo) -> str:
        """A project ref ('mod:', 'fn:', 'cls:' + key) for `name`, or `name` itself."""
        key = (importer.path, name)
        cached = self._cache.get(key)
        if cached is None:
            cached = self._cache[key] = self._resolve(name, importer)
        return cached

    def _resolve(self, name: str, importer: ModuleInfo) -> str:
        parts = name.split(".")
        root = code_root(importer.module)
        for cut in range(len(parts), 0, -1):
            dotted_name = ".".join(parts[:cut])
            if dotted_name not in self.index.by_name:
                continue
            module = self._by_root.get((root, dotted_name)) or self.index.resolve(
                dotted_name, importer.module
            )
            if module is None:
                continue
            target = self.info(module)
            rest = parts[cut:]
            return member_ref(target, rest) or name
        return name


def code_root(module: Module) -> str:
    """The folder a module's dotted name is relative to (its code root)."""
    depth = module.name.count(".") + 1
    segments = module.path.split("/")
    return "/".join(segments[: max(len(segments) - depth, 0)])


def member_ref(module: ModuleInfo, rest: list[str]) -> str | None:
    if not rest:
        return f"mod:{module.path}"
    head = rest[0]
    if head in module.functions and len(rest) == 1:
        return f"fn:{module.functions[head].key}"
    if head in module.classes:
        cls = module.classes[head]
        if len(rest) == 1:
            return f"cls:{cls.key}"
        if len(rest) == 2 and rest[1] in cls.methods:
            return f"fn:{cls.methods[rest[1]].key}"
    if len(rest) == 1:
        return f"glob:{module.path}:{head}"
    return None


__all__ = [
    "ClassInfo",
    "FunctionInfo",
    "FunctionNode",
    "ModuleInfo",
    "Resolver",
    "build_module",
    "code_root",
    "collect_imports",
    "dotted",
    "member_ref",
]
