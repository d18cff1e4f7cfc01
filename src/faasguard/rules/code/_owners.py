"""Which deployed functions a Python file belongs to, and the hits code rules build from that.

A file belongs to every function whose code directory holds it (it is packaged with them). A
finding in such a file names the function when there is one, and rules that care about
exposure raise or lower their severity by the widest exposure among its functions.
"""

from __future__ import annotations

import ast
from bisect import bisect_left
from dataclasses import dataclass, field

from faasguard.analysis.exposure import exposed_severity, function_exposure
from faasguard.analysis.project import Project
from faasguard.analysis.python.index import Module
from faasguard.core.enums import Confidence, Severity
from faasguard.core.rule import Hit
from faasguard.model.app import Function


@dataclass(frozen=True, slots=True)
class Owners:
    by_path: dict[str, tuple[Function, ...]] = field(default_factory=dict)
    handlers: dict[str, frozenset[str]] = field(default_factory=dict)  # path -> handler names

    def functions(self, path: str) -> tuple[Function, ...]:
        return self.by_path.get(path, ())

    def function_name(self, path: str) -> str | None:
        """The one function a file belongs to; None when it is shared or unknown."""
        names = {f.name for f in self.functions(path)}
        return next(iter(names)) if len(names) == 1 else None

    def severity(self, path: str, base: Severity) -> Severity | None:
        """`base` moved by the widest exposure of the file's functions; None when unknown."""
        functions = self.functions(path)
        if not functions:
            return None
        return max(
            (exposed_severity(base, function_exposure(f)) for f in functions),
            key=lambda s: s.rank,
        )


def code_owners(project: Project) -> Owners:
    return project.analysis("code-owners", _build)


def _build(project: Project) -> Owners:
    python_files = sorted(project.files_with_suffix(".py"))
    by_path: dict[str, list[Function]] = {}
    handlers: dict[str, set[str]] = {}
    for app in project.apps:
        for function in app.functions.values():
            if function.code_dir is None:
                continue
            prefix = "" if function.code_dir in ("", ".") else function.code_dir.rstrip("/") + "/"
            start = bisect_left(python_files, prefix)
            for path in python_files[start:]:
                if not path.startswith(prefix):
                    break
                by_path.setdefault(path, []).append(function)
            named = _handler_module(function, prefix)
            if named is not None:
                handlers.setdefault(named[0], set()).add(named[1])
    return Owners(
        by_path={path: tuple(functions) for path, functions in by_path.items()},
        handlers={path: frozenset(names) for path, names in handlers.items()},
    )


def _handler_module(function: Function, prefix: str) -> tuple[str, str] | None:
    """(module path, function name) of a Python handler string like ``pkg.app.handler``."""
    handler = function.handler.get(None) if function.handler is not None else None
    if not isinstance(handler, str) or "." not in handler:
        return None
    module, _, name = handler.rpartition(".")
    return f"{prefix}{module.replace('.', '/')}.py", name


def code_hit(
    project: Project,
    module: Module,
    node: ast.AST,
    *,
    message: str,
    evidence: str,
    exposure_base: Severity | None = None,
    severity: Severity | None = None,
    confidence: Confidence | None = None,
) -> Hit:
    """A hit at `node` of `module`, naming the function the file belongs to; the severity
    follows the file's exposure when `exposure_base` is given (an explicit `severity` wins)."""
    owners = code_owners(project)
    if severity is None and exposure_base is not None:
        severity = owners.severity(module.path, exposure_base)
    return Hit(
        message=message,
        location=module.location(node),
        function=owners.function_name(module.path),
        severity=severity,
        confidence=confidence,
        evidence=evidence,
    )


__all__ = ["Owners", "code_hit", "code_owners"]
