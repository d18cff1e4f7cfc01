"""`requirements*.txt` (pip's requirements file format): requirements with extras, markers and
hashes, `\\` continuations, `-r`/`-c` includes, `-e` editables, and index options."""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterator

from faasguard.analysis.deps.model import (
    IndexOption,
    IndexOptionKind,
    Manifest,
    ManifestKind,
    Package,
)
from faasguard.analysis.deps.readers.pep508 import direct_package, package_from_pep508
from faasguard.core.location import Location
from faasguard.loaders.errors import ParseError

_COMMENT = re.compile(r"(^|\s+)#.*$")
_INCLUDES = {"-r": "r", "--requirement": "r", "-c": "c", "--constraint": "c"}
_INDEX = {
    "-i": IndexOptionKind.INDEX_URL,
    "--index-url": IndexOptionKind.INDEX_URL,
    "--extra-index-url": IndexOptionKind.EXTRA_INDEX_URL,
    "--trusted-host": IndexOptionKind.TRUSTED_HOST,
    "-f": IndexOptionKind.FIND_LINKS,
    "--find-links": IndexOptionKind.FIND_LINKS,
}
_EDITABLE = ("-e", "--editable")


def logical_lines(text: str) -> Iterator[tuple[int, int, str]]:
    """(line number, column, text) of each logical line: comments removed, `\\`
    continuations joined, blank lines skipped. The column is where the text starts."""
    pending: list[str] = []
    start = 0
    for number, raw in enumerate(text.splitlines(), start=1):
        line = _COMMENT.sub("", raw)
        if not pending:
            start = number
        if line.endswith("\\"):
            pending.append(line[:-1])
            continue
        pending.append(line)
        joined = " ".join(part.strip() for part in pending).strip()
        first = next((p for p in pending if p.strip()), "")
        column = len(first) - len(first.lstrip()) + 1
        pending = []
        if joined:
            yield start, column, joined
    if pending:
        joined = " ".join(part.strip() for part in pending).strip()
        if joined:
            yield start, 1, joined


def read_requirements(path: str, text: str) -> Manifest:
    packages: list[Package] = []
    includes: list[str] = []
    options: list[IndexOption] = []
    problems: list[ParseError] = []
    directory = posixpath.dirname(path)
    for number, column, line in logical_lines(text):
        where = Location(path, number, column, number, column + len(line))
        if not line.startswith("-"):
            try:
                packages.append(package_from_pep508(_strip_options(line), where))
            except ParseError as exc:  # one bad line: report it, read the others
                problems.append(exc)
            continue
        flag, value = _split_option(line)
        if flag in _INCLUDES:
            if not value:
                problems.append(ParseError(f"{flag} needs a file name", where))
                continue
            includes.append(posixpath.normpath(posixpath.join(directory, value)))
        elif flag in _INDEX:
            options.append(IndexOption(_INDEX[flag], value, where))
        elif flag in _EDITABLE:
            if not value:
                problems.append(ParseError(f"{flag} needs a path or URL", where))
                continue
            packages.append(direct_package(value, where))
    return Manifest(
        path,
        ManifestKind.REQUIREMENTS,
        tuple(packages),
        tuple(includes),
        tuple(options),
        tuple(problems),
    )


def _split_option(line: str) -> tuple[str, str]:
    if line.startswith("--") and "=" in line.split(" ", 1)[0]:
        flag, _, value = line.partition("=")
        return flag, value.strip()
    flag, _, value = line.partition(" ")
    if len(flag) > 2 and not flag.startswith("--"):  # `-rbase.txt`
        return flag[:2], flag[2:] + value
    return flag, value.strip()


def _strip_options(line: str) -> str:
    """The requirement without per-requirement options (`--hash=sha256:...`)."""
    match = re.search(r"\s--?[a-z]", line)
    return line[: match.start()] if match else line


__all__ = ["logical_lines", "read_requirements"]
