"""Payload limits (body size, string length, depth, item counts) and the invocation time budget.

Each class is a check: call it with a :class:`Request`; it raises :class:`GuardViolation` to reject.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from faasguard.guard._request import Mode, Request
from faasguard.guard.errors import GuardConfigError, GuardViolation

__all__ = ["BodyLimit", "FieldLimits", "TimeBudget", "remaining_ms"]

_JSON_MEDIA = ("application/json", "+json")


class BodyLimit:
    """Rejects a body larger than ``max_bytes`` (after base64 decoding) with 413."""

    name = "limits.body"

    def __init__(self, max_bytes: int) -> None:
        if max_bytes < 0:
            raise GuardConfigError("max_bytes must be >= 0")
        self.max_bytes = max_bytes

    def __call__(self, request: Request) -> None:
        body = request.body
        if body is not None and len(body) > self.max_bytes:
            raise GuardViolation(
                413, "body.too_large", f"body {len(body)} bytes > {self.max_bytes}"
            )


def _looks_json(request: Request) -> bool:
    body = request.body
    if not body:
        return False
    media = request.headers.get("content-type", "").split(";", 1)[0].strip().lower()
    if media and any(media.endswith(m) for m in _JSON_MEDIA):
        return True
    head = body[:64].lstrip()
    return head[:1] in (b"{", b"[")


class FieldLimits:
    """Limits on every string and container in the chosen parts.

    ``max_string``: longest string (characters) allowed in any key or value; ``max_depth``:
    deepest nesting of the JSON body; ``max_items``: most elements in one list or object;
    ``max_total``: most values overall. The body is walked when it is JSON (declared or looking
    like it); query, headers, path parameters and cookies are always checked. Violations answer
    400 (``field.too_long``, ``body.too_deep``, ``body.too_many_items``).
    """

    name = "limits.fields"

    def __init__(
        self,
        *,
        max_string: int | None = 4096,
        max_depth: int | None = 32,
        max_items: int | None = 1000,
        max_total: int | None = 10000,
        parts: Iterable[str] = ("body", "query", "headers", "path_params", "cookies"),
    ) -> None:
        self.max_string = max_string
        self.max_depth = max_depth
        self.max_items = max_items
        self.max_total = max_total
        self.parts = tuple(parts)
        unknown = set(self.parts) - {"body", "query", "headers", "path_params", "cookies"}
        if unknown:
            raise GuardConfigError(f"unknown parts for FieldLimits: {sorted(unknown)}")

    def __call__(self, request: Request) -> None:
        for part in self.parts:
            if part == "body":
                if _looks_json(request):
                    self._walk(request.json(), "body")
            elif part == "query":
                for key, values in request.query.items():
                    self._string(key, "query")
                    self._items(len(values), "query")
                    for value in values:
                        self._string(value, "query")
            else:
                mapping: dict[str, str] = getattr(request, part)
                self._items(len(mapping), part)
                for key, value in mapping.items():
                    self._string(key, part)
                    self._string(value, part)

    def _string(self, value: str, where: str) -> None:
        if self.max_string is not None and len(value) > self.max_string:
            raise GuardViolation(
                400, "field.too_long", f"{where}: string of {len(value)} > {self.max_string}"
            )

    def _items(self, count: int, where: str) -> None:
        if self.max_items is not None and count > self.max_items:
            raise GuardViolation(
                400, "body.too_many_items", f"{where}: {count} items > {self.max_items}"
            )

    def _walk(self, root: Any, where: str) -> None:
        stack: list[tuple[Any, int]] = [(root, 1)]
        total = 0
        max_depth = self.max_depth
        while stack:
            value, depth = stack.pop()
            total += 1
            if self.max_total is not None and total > self.max_total:
                raise GuardViolation(400, "body.too_many_items", f"{where}: > {self.max_total}")
            if isinstance(value, str):
                self._string(value, where)
                continue
            if not isinstance(value, (dict, list)):
                continue
            if max_depth is not None and depth > max_depth:
                raise GuardViolation(400, "body.too_deep", f"{where}: depth > {max_depth}")
            self._items(len(value), where)
            if isinstance(value, dict):
                for key, item in value.items():
                    self._string(key, where)
                    stack.append((item, depth + 1))
            else:
                stack.extend((item, depth + 1) for item in value)


def remaining_ms(request: Request) -> int | None:
    """Milliseconds left in the invocation, from the Lambda context (``None`` if unknown)."""
    getter = getattr(request.context, "get_remaining_time_in_millis", None)
    if getter is None:
        return None
    value = getter()
    return int(value) if isinstance(value, (int, float)) else None


class TimeBudget:
    """Rejects (or alerts on) an event when less than ``min_remaining_ms`` is left to run.

    The context is the clock: ``context.get_remaining_time_in_millis()``. Without a context (a
    local call) the check does nothing unless ``require_context`` is set. A rejection answers
    503 with ``Retry-After`` so a client retries later instead of hitting a timeout mid-write.
    """

    name = "limits.time_budget"

    def __init__(
        self,
        min_remaining_ms: int,
        *,
        mode: Mode = Mode.BLOCK,
        require_context: bool = False,
        retry_after: float = 1.0,
    ) -> None:
        if min_remaining_ms < 0:
            raise GuardConfigError("min_remaining_ms must be >= 0")
        self.min_remaining_ms = min_remaining_ms
        self.mode = mode
        self.require_context = require_context
        self.retry_after = retry_after

    def __call__(self, request: Request) -> None:
        left = remaining_ms(request)
        if left is None:
            if self.require_context:
                raise GuardViolation(503, "budget.unknown", "no context with remaining time")
            return
        if left >= self.min_remaining_ms:
            return
        violation = GuardViolation(
            503,
            "budget.exhausted",
            f"{left} ms left < {self.min_remaining_ms} ms",
            retry_after=self.retry_after,
        )
        if self.mode is Mode.ALERT:
            request.alert(violation)
            return
        raise violation
