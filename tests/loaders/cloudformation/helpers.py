"""Loading small templates in tests, and finding where things are in them."""

from __future__ import annotations

import textwrap
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from faasguard.core.location import Location
from faasguard.loaders.base import LoadContext
from faasguard.loaders.cloudformation import load_template
from faasguard.loaders.errors import ParseError
from faasguard.loaders.nodes import MapNode
from faasguard.loaders.yamlread import read_yaml
from faasguard.model import App, V


@dataclass
class Loaded:
    app: App
    problems: list[ParseError]
    text: str
    path: str

    def line(self, needle: str, nth: int = 1) -> int:
        """The 1-based line of the nth occurrence of `needle` in the template."""
        start = -1
        for _ in range(nth):
            start = self.text.index(needle, start + 1)
        return self.text.count("\n", 0, start) + 1

    def at(self, needle: str, nth: int = 1) -> tuple[int, int]:
        """(line, column) of the nth occurrence of `needle`."""
        start = -1
        for _ in range(nth):
            start = self.text.index(needle, start + 1)
        line = self.text.count("\n", 0, start) + 1
        column = start - (self.text.rfind("\n", 0, start) + 1) + 1
        return line, column

    def messages(self) -> list[str]:
        return [problem.message for problem in self.problems]

    def problem_at(self, fragment: str) -> Location:
        """The location of the one problem whose message contains `fragment`."""
        found = [p.location for p in self.problems if fragment in p.message]
        assert len(found) == 1, f"{fragment!r} in {self.messages()}"
        return found[0]


def load(
    text: str,
    root: Path | None = None,
    *,
    path: str = "template.yaml",
    json_mode: bool = False,
    environ: dict[str, str] | None = None,
) -> Loaded:
    """`text` (dedented) loaded as the template `path` of a scan rooted at `root`."""
    text = textwrap.dedent(text).lstrip("\n")
    root = (root or Path("/nonexistent-root")).resolve()
    ctx = LoadContext(root, environ=environ)
    node = read_yaml(text, path, json_mode=json_mode)
    assert isinstance(node, MapNode)
    app = load_template(node, path, ctx)
    return Loaded(app, ctx.problems, text, path)


def where(value: V[Any] | Location | None) -> tuple[int, int]:
    """(line, column) a value was read at."""
    assert value is not None
    loc = value if isinstance(value, Location) else value.loc
    return loc.start_line, loc.start_column


def texts(values: list[V[Any]]) -> list[Any]:
    return [value.value for value in values]
