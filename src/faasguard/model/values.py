"""Model values that remember where they were read, and say honestly when they are not known.

A model field holds ``V[T]``: ``value`` is a ``T`` when the loader could work it out, a
:class:`Ref` when it names another resource of the same app, or :class:`Unresolved` when it
depends on something outside the project (an SSM parameter, an import, a condition, a variable
without default). Rules must treat Ref and Unresolved as unknown, never as safe or unsafe.
``None`` in place of a ``V`` means the setting is absent from the source.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Generic, TypeVar

from faasguard.core.location import Location

T = TypeVar("T")
D = TypeVar("D")


@dataclass(frozen=True, slots=True)
class Ref:
    """A reference to another resource of the app: CloudFormation `Ref`/`GetAtt`, a Terraform
    `aws_x.y.attr` expression. `target` is the resource id in the app (logical id or address)."""

    target: str
    attribute: str | None = None

    def __str__(self) -> str:
        return f"{self.target}.{self.attribute}" if self.attribute else self.target


@dataclass(frozen=True, slots=True)
class Unresolved:
    """A value the scan cannot know. `text` is the expression as written (placeholders kept, e.g.
    ``arn:aws:s3:::${Bucket}/*``), `refs` the app resources it mentions."""

    text: str
    refs: tuple[str, ...] = ()
    reason: str = ""

    def __str__(self) -> str:
        return self.text


@dataclass(frozen=True, slots=True)
class V(Generic[T]):
    value: T | Ref | Unresolved
    loc: Location

    @property
    def known(self) -> bool:
        return not isinstance(self.value, Ref | Unresolved)

    def get(self, default: D) -> T | D:
        """The value when known, else `default`."""
        if isinstance(self.value, Ref | Unresolved):
            return default
        return self.value

    def text(self) -> str:
        """The value as text whatever it is (a known value, a reference, an expression)."""
        value = self.value
        if isinstance(value, bool):
            return "true" if value else "false"
        return str(value)

    def is_(self, expected: object) -> bool:
        """True only when the value is known and equal to `expected` (strings case-insensitive)."""
        value = self.value
        if isinstance(value, str) and isinstance(expected, str):
            return value.lower() == expected.lower()
        return self.known and value == expected


def truthy(value: V[object] | None) -> bool | None:
    """A boolean setting as True/False, or None when absent or unknown. Accepts "true"/"false"."""
    if value is None or not value.known:
        return None
    raw = value.value
    if isinstance(raw, str):
        lowered = raw.strip().lower()
        if lowered in ("true", "yes", "on", "1"):
            return True
        if lowered in ("false", "no", "off", "0", ""):
            return False
        return None
    return bool(raw)


__all__ = ["Ref", "Unresolved", "V", "truthy"]
