"""Every Python file of a scan root, parsed once (never imported or executed).

`python_index(project)` is cached on the project, so every code rule and analysis shares one
parse. A file that does not parse becomes a scan-error finding and is left out.
"""

from __future__ import annotations

import ast
import warnings
from dataclasses import dataclass, field

from faasguard.analysis.project import Project
from faasguard.core.location import Location
from faasguard.loaders.errors import ParseError

MAX_PY_BYTES = 2 * 1024 * 1024
SKIP_PARTS = frozenset({"site-packages", "dist-packages", "node_modules", "__pycache__"})


@dataclass(frozen=True, slots=True, eq=False)
class Module:
    path: str  # root-relative POSIX path of the file
    name: str  # dotted module name relative to its package root (see `PythonIndex`)
    tree: ast.Module
    text: str

    @property
    def lines(self) -> list[str]:
        return self.text.splitlines()

    def location(self, node: ast.AST) -> Location:
        """The location of an AST node (1-based columns)."""
        line = getattr(node, "lineno", 1)
        column = getattr(node, "col_offset", 0) + 1
        end_line = getattr(node, "end_lineno", None) or line
        end_column = (getattr(node, "end_col_offset", None) or column - 1) + 1
        return Location(self.path, line, column, end_line, end_column)


@dataclass(slots=True, eq=False)
class PythonIndex:
    """Parsed modules by path and by dotted name. A module's dotted name is its path from the
    nearest directory that is not a package (no ``__init__.py``), so ``src/orders/app.py``
    is ``app`` when ``src/orders/`` has no ``__init__.py``; ``by_name`` keeps every candidate
    so imports can be resolved from the importing file's own directory first."""

    modules: dict[str, Module] = field(default_factory=dict)
    by_name: dict[str, list[Module]] = field(default_factory=dict)

    def resolve(self, name: str, importer: Module | None = None) -> Module | None:
        """The project module an import of `name` refers to, preferring the importer's folder
        (Lambda puts the function's code directory first on sys.path)."""
        candidates = self.by_name.get(name, [])
        if not candidates:
            return None
        if importer is not None:
            folder = importer.path.rsplit("/", 1)[0] if "/" in importer.path else ""
            for module in candidates:
                if _code_root(module) == _code_root(importer) or module.path.startswith(folder):
                    return module
        return candidates[0]


def python_index(project: Project) -> PythonIndex:
    return project.analysis("python-index", _build)


def _build(project: Project) -> PythonIndex:
    index = PythonIndex()
    for path in project.files_with_suffix(".py"):
        if SKIP_PARTS.intersection(path.split("/")):
            continue
        module = _parse(project, path)
        if module is not None:
            index.modules[path] = module
            index.by_name.setdefault(module.name, []).append(module)
    return index


def _parse(project: Project, path: str) -> Module | None:
    text = project.try_read(path)
    if text is None:
        return None
    if len(text) > MAX_PY_BYTES:
        project.context.report(f"{path} is larger than {MAX_PY_BYTES:,} bytes", Location.file(path))
        return None
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # SyntaxWarnings of the scanned code are not ours
            tree = ast.parse(text, filename=path, type_comments=False)
    except SyntaxError as exc:
        line = exc.lineno or 1
        column = exc.offset or 1
        project.context.problems.append(
            ParseError(
                f"Python syntax error: {exc.msg}", Location(path, line, column, line, column)
            )
        )
        return None
    except (ValueError, RecursionError, MemoryError) as exc:
        project.context.report(f"cannot parse {path}: {type(exc).__name__}", Location.file(path))
        return None
    return Module(path=path, name=_dotted(project, path), tree=tree, text=text)


def _dotted(project: Project, path: str) -> str:
    parts = path[:-3].split("/")
    if parts[-1] == "__init__" and len(parts) > 1:
        parts.pop()
    files = project.analysis("file-set", lambda p: frozenset(p.files))
    start = len(parts) - 1
    while start > 0 and "/".join([*parts[:start], "__init__.py"]) in files:
        start -= 1
    return ".".join(parts[start:]) or parts[-1]


def _code_root(module: Module) -> str:
    depth = module.name.count(".") + 1
    segments = module.path.split("/")
    return "/".join(segments[: max(len(segments) - depth, 0)])


__all__ = ["Module", "PythonIndex", "python_index"]
