"""Finding the line of a value in a file that a position-less parser (tomllib, json) read."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from faasguard.core.location import Location


@dataclass(slots=True)
class Lines:
    """A file's lines with helpers that return 1-based locations."""

    path: str
    lines: list[str]

    @classmethod
    def of(cls, path: str, text: str) -> Lines:
        return cls(path, text.splitlines())

    def at(self, number: int) -> Location:
        """The location of a whole line, without its indentation."""
        if not 1 <= number <= len(self.lines):
            return Location.file(self.path)
        line = self.lines[number - 1]
        start = len(line) - len(line.lstrip()) + 1
        return Location(self.path, number, start, number, len(line.rstrip()) + 1)

    def find(self, pattern: re.Pattern[str], start: int = 1, stop: int | None = None) -> int:
        """The first line number in [start, stop) matching, or 0."""
        end = len(self.lines) + 1 if stop is None else stop
        for number in range(max(start, 1), end):
            if pattern.search(self.lines[number - 1]):
                return number
        return 0

    def section(self, header: str) -> tuple[int, int]:
        """The lines of a TOML table `[header]`: (header line, line after its last), or
        (0, 0) when it is absent."""
        pattern = re.compile(rf"^\s*\[\s*{_toml_key(header)}\s*\]\s*(#.*)?$")
        first = self.find(pattern)
        if not first:
            return 0, 0
        following = self.find(re.compile(r"^\s*\["), first + 1)
        return first, following or len(self.lines) + 1

    def headers(self, name: str) -> list[int]:
        """The line numbers of every `[[name]]` array-of-tables header."""
        pattern = re.compile(rf"^\s*\[\[\s*{re.escape(name)}\s*\]\]")
        return [n for n, line in enumerate(self.lines, start=1) if pattern.search(line)]

    def key_line(self, key: str, start: int, stop: int) -> int:
        """The line of `key = ...` (bare or quoted, any case) within [start, stop)."""
        pattern = re.compile(rf"""^\s*["']?{re.escape(key)}["']?\s*=""", re.IGNORECASE)
        return self.find(pattern, start, stop)

    def string_line(self, value: str, start: int = 1, stop: int | None = None) -> int:
        """The line holding the string literal `value` (double or single quoted)."""
        pattern = re.compile(rf"""["']{re.escape(value)}["']""")
        return self.find(pattern, start, stop)


def _toml_key(dotted: str) -> str:
    parts = [rf"""["']?{re.escape(part)}["']?""" for part in dotted.split(".")]
    return r"\s*\.\s*".join(parts)


class JsonCursor:
    """Walks a JSON text forward to the line of each object-valued key, in document order
    (the order `json.loads` keeps), so repeated names resolve to the right occurrence."""

    def __init__(self, path: str, text: str) -> None:
        self.path = path
        self.text = text
        self.offset = 0
        self._line_starts = [0, *(m.end() for m in re.finditer("\n", text))]

    def seek_key(self, key: str) -> Location:
        """The location of the next `"key": {` (or `"key": [` / scalar) after the cursor."""
        pattern = re.compile(rf'"{re.escape(_json_escape(key))}"\s*:')
        match = pattern.search(self.text, self.offset)
        if match is None:
            return Location.file(self.path)
        self.offset = match.end()
        return self._location(match.start(), match.end())

    def _location(self, start: int, end: int) -> Location:
        line = _bisect(self._line_starts, start)
        column = start - self._line_starts[line - 1] + 1
        return Location(self.path, line, column, line, column + (end - start))


def _json_escape(key: str) -> str:
    return key.replace("\\", "\\\\").replace('"', '\\"')


def _bisect(starts: list[int], offset: int) -> int:
    low, high = 0, len(starts)
    while low < high:
        middle = (low + high) // 2
        if starts[middle] <= offset:
            low = middle + 1
        else:
            high = middle
    return low


def first_line(numbers: Iterable[int]) -> int:
    return next((n for n in numbers if n), 0)


__all__ = ["JsonCursor", "Lines", "first_line"]
