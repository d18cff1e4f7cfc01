"""What every loader gets: safe file access inside the scan root, and a place for problems.

A loader turns parsed documents into an :class:`~faasguard.model.app.App`. Fatal problems raise
:class:`~faasguard.loaders.errors.ParseError`; problems that leave the rest usable (an unknown
intrinsic, an unreadable `${file(...)}`) are reported with :meth:`LoadContext.report` and become
scan-error findings while the load carries on.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from faasguard.core.location import Location
from faasguard.loaders.errors import ParseError
from faasguard.loaders.nodes import Node
from faasguard.model.values import V

MAX_FILE_BYTES = 5 * 1024 * 1024

Resolve = Callable[[Node], V[Any]]
"""Turns a document node (a scalar or an intrinsic) into a model value."""


@dataclass(slots=True)
class LoadContext:
    root: Path  # the scan root, absolute and resolved
    environ: Mapping[str, str] | None = None  # only when the user passed --env
    options: Mapping[str, str] = field(default_factory=dict)  # --opt values for ${opt:...}
    problems: list[ParseError] = field(default_factory=list)
    max_bytes: int = MAX_FILE_BYTES
    files_read: set[str] = field(default_factory=set)  # root-relative, for the scan summary
    _resolved: dict[tuple[str, str], str | None] = field(default_factory=dict)

    def report(self, message: str, location: Location) -> None:
        self.problems.append(ParseError(message, location))

    def relative(self, path: Path) -> str:
        return path.resolve().relative_to(self.root).as_posix()

    def resolve_path(self, base: str, target: str, at: Location) -> str:
        """`target` (relative to the directory of the root-relative file `base`), as a path
        relative to the root. Raises ParseError when it leaves the root."""
        parent = PurePosixPath(base).parent.as_posix()
        key = (parent, target)
        if key not in self._resolved:  # resolve() asks the file system: once per folder pair
            joined = (self.root / parent / target).resolve()
            try:
                self._resolved[key] = joined.relative_to(self.root).as_posix()
            except ValueError:
                self._resolved[key] = None
        resolved = self._resolved[key]
        if resolved is None:
            raise ParseError(f"{target!r} is outside the scanned root", at)
        return resolved

    def read_text(self, relpath: str, at: Location) -> str:
        """A project file's text. Refuses paths outside the root, symlinks leading out of it,
        files over the size limit and binary files, with a ParseError located at `at`."""
        path = (self.root / relpath).resolve()
        try:
            path.relative_to(self.root)
        except ValueError:
            raise ParseError(f"{relpath!r} is outside the scanned root", at) from None
        try:
            size = path.stat().st_size
            if size > self.max_bytes:
                raise ParseError(f"{relpath} is larger than {self.max_bytes:,} bytes", at)
            data = path.read_bytes()
        except OSError as exc:
            raise ParseError(f"cannot read {relpath}: {exc.strerror or exc}", at) from None
        text = decode_text(data, relpath, at)
        self.files_read.add(relpath)
        return text


def decode_text(data: bytes, relpath: str, at: Location) -> str:
    if b"\x00" in data[:8192]:
        raise ParseError(f"{relpath} is a binary file", at)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ParseError(f"{relpath} is not UTF-8 text (byte {exc.start})", at) from None


__all__ = ["MAX_FILE_BYTES", "LoadContext", "Resolve", "decode_text"]
