"""Imports: a project module becomes a :class:`ModuleRef`, anything else an :class:`Ext` path.

``from shared.aws import s3`` reads the global ``s3`` of the project module ``shared/aws.py``
(found the way Lambda finds it: the importing function's own code directory first);
``import boto3`` binds ``Ext("boto3")``; relative imports resolve against the importer's
package.
"""

from __future__ import annotations

import ast
from collections.abc import Callable

from faasguard.iam.infer.program import Program, Scope
from faasguard.iam.infer.values import ANY, Ext, ModuleRef, Values, one

Read = Callable[[tuple[str, str, str]], Values]


class ImportBinder:
    def __init__(self, program: Program) -> None:
        self.program = program
        self._cache: dict[tuple[str, str], ModuleRef | None] = {}
        self._roots = {
            path: _code_root(m.path, m.name) for path, m in program.index.modules.items()
        }

    def _module(self, dotted: str, scope: Scope) -> ModuleRef | None:
        key = (scope.module.path, dotted)
        if key not in self._cache:
            self._cache[key] = self._resolve(dotted, scope.module.path)
        return self._cache[key]

    def _resolve(self, dotted: str, importer: str) -> ModuleRef | None:
        """As `PythonIndex.resolve`: the candidate in the importer's code root or folder first."""
        candidates = self.program.index.by_name.get(dotted, [])
        if not candidates:
            return self._by_path(dotted, importer)
        folder = importer.rsplit("/", 1)[0] if "/" in importer else ""
        root = self._roots.get(importer)
        for module in candidates:
            if self._roots.get(module.path) == root or module.path.startswith(folder):
                return ModuleRef(module.path)
        return ModuleRef(candidates[0].path)

    def dependencies(self, scope: Scope) -> list[str]:
        """The project modules a module imports anywhere in it (paths)."""
        found: list[str] = []
        for node in _imports(scope):
            found.extend(self.modules_of(node, scope))
        return found

    def modules_of(self, node: ast.Import | ast.ImportFrom, scope: Scope) -> list[str]:
        """The project modules one import statement loads (paths)."""
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        else:
            base = self._base(node, scope)
            names = [base, *(f"{base}.{a.name}" for a in node.names)] if base else []
        found = []
        for name in names:
            module = self._module(name, scope)
            if module is not None and module.path != scope.module.path:
                found.append(module.path)
        return found

    def _by_path(self, dotted: str, importer: str) -> ModuleRef | None:
        """A module of a namespace package (a folder without ``__init__.py``): the file the
        dotted name spells, under the importer's folder or the nearest folder above it."""
        relative = dotted.replace(".", "/")
        folder = importer.rsplit("/", 1)[0] if "/" in importer else ""
        while True:
            for name in (f"{relative}.py", f"{relative}/__init__.py"):
                path = f"{folder}/{name}" if folder else name
                if path in self.program.modules:
                    return ModuleRef(path)
            if not folder:
                return None
            folder = folder.rsplit("/", 1)[0] if "/" in folder else ""

    def bind(
        self, node: ast.Import | ast.ImportFrom, scope: Scope, read: Read
    ) -> list[tuple[str, Values]]:
        if isinstance(node, ast.Import):
            return [self._plain(alias, scope) for alias in node.names]
        base = self._base(node, scope)
        bound: list[tuple[str, Values]] = []
        for alias in node.names:
            if alias.name == "*":
                continue
            name = alias.asname or alias.name
            bound.append((name, self._from(base, alias.name, scope, read)))
        return bound

    def _plain(self, alias: ast.alias, scope: Scope) -> tuple[str, Values]:
        if alias.asname:
            module = self._module(alias.name, scope)
            return alias.asname, one(module if module is not None else Ext(alias.name))
        head = alias.name.split(".")[0]
        module = self._module(head, scope)
        return head, one(module if module is not None else Ext(head))

    def _base(self, node: ast.ImportFrom, scope: Scope) -> str:
        module = node.module or ""
        if not node.level:
            return module
        parts = scope.module.name.split(".")
        package = parts[: max(len(parts) - node.level, 0)]
        return ".".join([*package, module] if module else package)

    def _from(self, base: str, name: str, scope: Scope, read: Read) -> Values:
        module = self._module(base, scope) if base else None
        if module is None:
            submodule = self._module(f"{base}.{name}" if base else name, scope)
            if submodule is not None:
                return one(submodule)
            return one(Ext(f"{base}.{name}" if base else name))
        return self.module_attribute(module, name, read, scope)

    def module_attribute(
        self, module: ModuleRef, name: str, read: Read, scope: Scope | None = None
    ) -> Values:
        target = self.program.modules.get(module.path)
        if target is None:
            return ANY
        if name in target.locals:
            return read(("v", module.path, name)) or ANY
        submodule = self._module(f"{target.module.name}.{name}", target)
        return one(submodule) if submodule is not None else ANY


def _imports(scope: Scope) -> list[ast.Import | ast.ImportFrom]:
    found = list(scope.imports)
    for child in scope.children:
        found.extend(_imports(child))
    return found


def _code_root(path: str, name: str) -> str:
    depth = name.count(".") + 1
    segments = path.split("/")
    return "/".join(segments[: max(len(segments) - depth, 0)])


__all__ = ["ImportBinder"]
