"""Reading model values of any type the way the rules need them."""

from __future__ import annotations

from typing import Any

from faasguard.model.values import V, truthy


def flag(value: V[Any] | None) -> bool | None:
    """A boolean setting of any declared value type as True/False, or None when absent or
    unknown (see :func:`faasguard.model.values.truthy`)."""
    return truthy(value)


__all__ = ["flag"]
