"""Where something is in the scanned project."""

from __future__ import annotations

from typing import NamedTuple


class Location(NamedTuple):
    """A span in one file. `path` is POSIX and relative to the scan root; lines and columns are
    1-based; the end points just after the last character.

    A NamedTuple rather than a frozen dataclass: loaders make one for every value of every
    document (over 100,000 for a 1,000-function template), and tuple construction is several
    times cheaper. It is immutable, hashable and ordered all the same."""

    path: str
    start_line: int = 1
    start_column: int = 1
    end_line: int = 0  # 0: same as the start (see `normalized`)
    end_column: int = 0

    def __str__(self) -> str:
        return f"{self.path}:{self.start_line}:{self.start_column}"

    @classmethod
    def file(cls, path: str) -> Location:
        """The whole file, reported at its first line."""
        return cls(path, 1, 1, 1, 1)

    def normalized(self) -> Location:
        """This location with an end that is not before its start (what reports print)."""
        if self.end_line > self.start_line or (
            self.end_line == self.start_line and self.end_column >= self.start_column
        ):
            return self
        return self._replace(end_line=self.start_line, end_column=self.start_column)


__all__ = ["Location"]
