"""One scan root as project-wide rules see it: every loaded app, every file, shared analyses.

Analyses that several rules need (the Python taint analysis, the dependency inventory) are
computed once per root, on first use, through :meth:`Project.analysis`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from faasguard.core.config import Config
from faasguard.core.location import Location
from faasguard.loaders.base import LoadContext
from faasguard.loaders.errors import ParseError
from faasguard.model.app import App

T = TypeVar("T")


@dataclass(slots=True, eq=False)
class Project:
    root: Path  # absolute, resolved
    apps: list[App]
    files: list[str]  # every file under the root after exclusions, root-relative POSIX, sorted
    context: LoadContext  # safe reads inside the root; problems reported here become FG001
    jobs: int = 1
    config: Config = field(default_factory=Config)  # the scan's settings (e.g. advisory data)
    _cache: dict[str, Any] = field(default_factory=dict)

    def analysis(self, key: str, compute: Callable[[Project], T]) -> T:
        """The result of `compute(self)`, computed once per project under `key`."""
        if key not in self._cache:
            self._cache[key] = compute(self)
        result: T = self._cache[key]
        return result

    def read_text(self, relpath: str) -> str:
        """A file's text; raises ParseError (binary, too large, outside the root, unreadable)."""
        return self.context.read_text(relpath, Location.file(relpath))

    def try_read(self, relpath: str) -> str | None:
        """A file's text, or None after reporting why it could not be read (as FG001)."""
        try:
            return self.read_text(relpath)
        except ParseError as exc:
            self.context.problems.append(exc)
            return None

    def files_with_suffix(self, *suffixes: str) -> list[str]:
        return [f for f in self.files if f.endswith(suffixes)]


__all__ = ["Project"]
