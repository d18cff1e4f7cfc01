"""Errors raised while reading a project file. The engine turns each into a scan-error finding."""

from __future__ import annotations

from faasguard.core.location import Location


class ParseError(Exception):
    """A file could not be read into a document. `location` points at the problem."""

    def __init__(self, message: str, location: Location) -> None:
        super().__init__(message)
        self.message = message
        self.location = location


__all__ = ["ParseError"]
