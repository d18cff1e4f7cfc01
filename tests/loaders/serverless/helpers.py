"""Loading small serverless.yml files in tests, and finding where things are in them."""

from __future__ import annotations

import textwrap
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from faasguard.core.location import Location
from faasguard.loaders.base import LoadContext
from faasguard.loaders.errors import ParseError
from faasguard.loaders.nodes import MapNode
from faasguard.loaders.serverless import load_serverless
from faasguard.loaders.yamlread import read_yaml
from faasguard.model import App, V


@dataclass
class Loaded:
    app: App
    problems: list[ParseError]
    text: str
    path: str

    def line(self, needle: str, nth: int = 1) -> int:
        """The 1-based line of the nth occurrence of `needle` in the file."""
        return self.at(needle, nth)[0]

    def at(self, needle: str, nth: int = 1) -> tuple[int, int]:
        """(line, column) of the nth occurrence of `needle`."""
        return position(self.text, needle, nth)

    def messages(self) -> list[str]:
        return [problem.message for problem in self.problems]

    def problem_at(self, fragment: str) -> Location:
        """The location of the one problem whose message contains `fragment`."""
        found = [p.location for p in self.problems if fragment in p.message]
        assert len(found) == 1, f"{fragment!r} in {self.messages()}"
        return found[0]


def position(text: str, needle: str, nth: int = 1) -> tuple[int, int]:
    start = -1
    for _ in range(nth):
        start = text.index(needle, start + 1)
    line = text.count("\n", 0, start) + 1
    column = start - (text.rfind("\n", 0, start) + 1) + 1
    return line, column


def dedent(text: str) -> str:
    return textwrap.dedent(text).lstrip("\n")


def load(
    text: str,
    root: Path | None = None,
    *,
    path: str = "serverless.yml",
    files: dict[str, str] | None = None,
    environ: dict[str, str] | None = None,
    options: dict[str, str] | None = None,
    json_mode: bool = False,
) -> Loaded:
    """`text` (dedented) loaded as `path` in a scan rooted at `root`, with `files` written there
    first (relative path -> dedented text)."""
    text = dedent(text)
    if root is None:
        assert not files, "files need a root"
        root = Path("/nonexistent-root")
    root = root.resolve()
    for relpath, content in (files or {}).items():
        target = root / relpath
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(dedent(content), encoding="utf-8")
    ctx = LoadContext(root, environ=environ, options=options or {})
    node = read_yaml(text, path, json_mode=json_mode)
    assert isinstance(node, MapNode)
    app = load_serverless(node, path, ctx)
    return Loaded(app, ctx.problems, text, path)


def where(value: V[Any] | Location | None) -> tuple[int, int]:
    """(line, column) a value was read at."""
    assert value is not None
    loc = value if isinstance(value, Location) else value.loc
    return loc.start_line, loc.start_column


def texts(values: list[V[Any]]) -> list[Any]:
    return [value.value for value in values]
