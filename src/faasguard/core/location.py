"""Where something is in the scanned project."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True, order=True)
class Location:
    """A span in one file. `path` is POSIX and relative to the scan root; lines and columns are
    1-based; the end is inclusive of its line and points just after the last character."""

    path: str
    start_line: int = 1
    start_column: int = 1
    end_line: int = 0
    end_column: int = 0

    def __post_init__(self) -> None:
        if self.end_line < self.start_line:
            object.__setattr__(self, "end_line", self.start_line)
            object.__setattr__(self, "end_column", max(self.end_column, self.start_column))

    def __str__(self) -> str:
        return f"{self.path}:{self.start_line}:{self.start_column}"

    @classmethod
    def file(cls, path: str) -> Location:
        """The whole file, reported at its first line."""
        return cls(path, 1, 1, 1, 1)


__all__ = ["Location"]
