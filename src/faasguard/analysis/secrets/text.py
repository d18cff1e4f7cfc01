"""Secrets in committed text files: key/value pairs by file syntax, and known credential
formats anywhere in the text.

Pairs are found line by line with regular expressions rather than a parser, so a file that
does not parse (a template with a typo, a .env with shell syntax) is still read, and every
value keeps its line and column.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterator

from faasguard.analysis.secrets.model import Literal, candidate_formats, usable_format
from faasguard.analysis.secrets.settings import FileKind, Syntax
from faasguard.core.location import Location

_ASSIGN = re.compile(
    r"^[ \t]*(?:(?:export|ENV|ARG|set)[ \t]+)?(?P<key>[A-Za-z0-9_./@$:-]+?)[ \t]*"
    r"(?:=|:(?=[ \t]))[ \t]*(?P<value>[^\n]*?)[ \t]*$",
    re.MULTILINE,
)
_YAML = re.compile(
    r"^[ \t]*(?:-[ \t]+)?(?P<q>[\"']?)(?P<key>[A-Za-z0-9_./@$-]+)(?P=q)[ \t]*:[ \t]+"
    r"(?P<value>[^\n]*?)[ \t]*$",
    re.MULTILINE,
)
_JSON = re.compile(r'"(?P<key>[^"\\\n]{1,200})"\s*:\s*"(?P<value>(?:[^"\\\n]|\\.)*)"')
_NETRC = re.compile(r"\b(?P<key>password)[ \t]+(?P<value>\S+)")
_SYNTAX = {Syntax.ASSIGN: _ASSIGN, Syntax.YAML: _YAML, Syntax.JSON: _JSON, Syntax.NETRC: _NETRC}
_COMMENT = re.compile(r"[ \t]+(?:#|//|;).*$")
_YAML_NOT_SCALAR = ("!", "&", "*", "|", ">", "{", "[", "#")


class Lines:
    """Offsets of a text to 1-based lines and columns."""

    def __init__(self, text: str) -> None:
        self.starts = [0, *(m.end() for m in re.finditer("\n", text))]

    def location(self, path: str, start: int, end: int) -> Location:
        line = bisect_right(self.starts, start)
        end_line = bisect_right(self.starts, end)
        return Location(
            path,
            line,
            start - self.starts[line - 1] + 1,
            end_line,
            end - self.starts[end_line - 1] + 1,
        )


def text_literals(path: str, text: str, kind: FileKind) -> list[Literal]:
    """The values of a text file to judge: each key/value pair with its key, then every
    credential format found outside those values."""
    lines = Lines(text)
    literals: list[Literal] = []
    spans: list[tuple[int, int]] = []
    for name, key, value, start in _pairs(text, kind):
        end = start + len(value)
        spans.append((start, end))
        literals.append(Literal(value, lines.location(path, start, end), name, f"key {key}"))
    spans.sort()
    starts = [s for s, _ in spans]
    for start, end in format_spans(text):
        if _inside(spans, starts, start):
            continue
        location = lines.location(path, start, end)
        literals.append(Literal(text[start:end], location, None, "text"))
    return literals


def format_spans(text: str) -> Iterator[tuple[int, int]]:
    """Where each usable credential format occurs in `text`."""
    for pattern in candidate_formats(text):
        for match in pattern.regex.finditer(text):
            if usable_format(pattern.id, match.group(0)):
                yield match.start(), match.end()


def _inside(spans: list[tuple[int, int]], starts: list[int], offset: int) -> bool:
    index = bisect_left(starts, offset + 1) - 1
    return index >= 0 and spans[index][0] <= offset < spans[index][1]


def _pairs(text: str, kind: FileKind) -> Iterator[tuple[str, str, str, int]]:
    """(name to judge under, key as written, value, offset of the value) for each pair the
    syntax defines."""
    regex = _SYNTAX.get(kind.syntax)
    if regex is None:
        return
    for match in regex.finditer(text):
        raw = match.group("value")
        offset = match.start("value")
        if kind.syntax is Syntax.YAML and raw.startswith(_YAML_NOT_SCALAR):
            continue
        if kind.quoted_only and raw[:1] not in ("'", '"'):
            continue
        value, shift = _unquote(raw, kind.syntax)
        if not value:
            continue
        key = match.group("key")
        yield _judged_name(key, kind), key, value, offset + shift


def _unquote(raw: str, syntax: Syntax) -> tuple[str, int]:
    """The value without quotes or a trailing comment, and how far into `raw` it starts."""
    if syntax in (Syntax.JSON, Syntax.NETRC):
        return raw.replace("\\/", "/"), 0
    if raw[:1] in ("'", '"'):
        closing = raw.find(raw[0], 1)
        return (raw[1:closing] if closing > 0 else raw[1:]), 1
    return _COMMENT.sub("", raw), 0


def _judged_name(key: str, kind: FileKind) -> str:
    """The key to judge a value under: the part after the last ':' (`.npmrc` registry
    scoping), or `password` for keys the format itself defines as secret."""
    tail = key.rsplit(":", 1)[-1]
    if kind.secret_keys is not None and kind.secret_keys.search(tail):
        return "password"
    return tail


__all__ = ["Lines", "format_spans", "text_literals"]
