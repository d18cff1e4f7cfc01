"""Rate limiting per caller, in a shared store: fixed window, sliding window or token bucket.

``RateLimit`` is a check: it counts one hit for the caller of each request and rejects with 429
(rule ``ratelimit.exceeded``, ``retry_after`` set) past the limit. The caller is found by a key
function (:func:`by_ip`, :func:`by_principal`, :func:`by_api_key`, :func:`by_header`,
:func:`by_claim` or any callable); requests whose caller cannot be found share one ``anonymous``
bucket. Caller ids are hashed before they reach the store.

When the store fails, ``on_store_error`` decides: ``"fail-closed"`` (default) rejects with 429
``ratelimit.store_unavailable``; ``"fail-open"`` lets the request through and records an alert on
the request, which the decorator logs.
"""

from __future__ import annotations

import enum
import math
import time
from collections.abc import Callable
from typing import TypeVar

from faasguard.guard._request import Request
from faasguard.guard.errors import GuardConfigError, GuardViolation
from faasguard.guard.stores.base import Admission, OnStoreError, Store, StoreError, hash_id
from faasguard.guard.stores.memory import MemoryStore

__all__ = [
    "Algorithm",
    "KeyFunc",
    "OnStoreError",
    "RateLimit",
    "by_api_key",
    "by_claim",
    "by_header",
    "by_ip",
    "by_principal",
]

KeyFunc = Callable[[Request], str | None]
"""Finds the caller of a request; None when it cannot tell."""


class Algorithm(str, enum.Enum):
    """How hits are counted."""

    FIXED = "fixed"
    SLIDING = "sliding"
    TOKEN_BUCKET = "token_bucket"


def by_ip(request: Request) -> str | None:
    """The source IP the platform saw (never ``X-Forwarded-For``, which the caller controls)."""
    return request.source_ip


def by_principal(request: Request) -> str | None:
    """The authenticated principal: the platform's, else the ``sub`` claim of an earlier check."""
    if request.principal:
        return request.principal
    sub = request.claims.get("sub")
    return str(sub) if sub else None


def by_header(name: str) -> KeyFunc:
    """The value of one request header."""
    lowered = name.lower()

    def key(request: Request) -> str | None:
        return request.headers.get(lowered) or None

    key.__name__ = f"by_header_{lowered}"
    return key


def by_api_key(header: str = "x-api-key") -> KeyFunc:
    """The API key in ``header`` (hashed, like every caller id, before it reaches the store)."""
    return by_header(header)


def by_claim(name: str = "sub") -> KeyFunc:
    """One claim set by an authentication check earlier in the chain."""

    def key(request: Request) -> str | None:
        value = request.claims.get(name)
        return str(value) if value not in (None, "") else None

    key.__name__ = f"by_claim_{name}"
    return key


_E = TypeVar("_E", bound=enum.Enum)


def _choice(cls: type[_E], value: object, what: str) -> _E:
    """``value`` as a member of ``cls`` (given as member or value), else GuardConfigError."""
    if isinstance(value, cls):
        return value
    try:
        return cls(value)
    except ValueError:
        choices = ", ".join(repr(m.value) for m in cls)
        raise GuardConfigError(f"{what} must be one of {choices}, not {value!r}") from None


_NAMED_KEYS: dict[str, KeyFunc] = {
    "ip": by_ip,
    "principal": by_principal,
    "api_key": by_api_key(),
}


class RateLimit:
    """A check admitting at most ``limit`` hits per ``per_seconds`` for each caller.

    ``burst`` (token bucket only) is the bucket capacity; it defaults to ``limit``, and the bucket
    refills at ``limit / per_seconds`` tokens a second. ``namespace`` separates limits that share
    a store; it defaults to one derived from ``name`` and the settings.
    """

    def __init__(
        self,
        limit: int,
        per_seconds: float,
        *,
        key: KeyFunc | str = by_ip,
        algorithm: Algorithm | str = Algorithm.FIXED,
        store: Store | None = None,
        clock: Callable[[], float] = time.time,
        on_store_error: OnStoreError | str = OnStoreError.FAIL_CLOSED,
        burst: float | None = None,
        name: str = "ratelimit",
        namespace: str | None = None,
    ) -> None:
        self.algorithm = _choice(Algorithm, algorithm, "algorithm")
        self.on_store_error = _choice(OnStoreError, on_store_error, "on_store_error")
        if isinstance(limit, bool) or not isinstance(limit, int) or limit < 1:
            raise GuardConfigError("limit must be an integer of at least 1")
        if not per_seconds > 0 or not math.isfinite(per_seconds):
            raise GuardConfigError("per_seconds must be a positive number")
        if burst is not None and (self.algorithm is not Algorithm.TOKEN_BUCKET or burst < 1):
            raise GuardConfigError("burst applies to token_bucket only and must be at least 1")
        self._key = self._resolve_key(key)
        self.limit = limit
        self.per_seconds = float(per_seconds)
        self.capacity = float(burst if burst is not None else limit)
        self.store: Store = store if store is not None else MemoryStore()
        self._clock = clock
        self.name = name
        self._namespace = namespace or (
            f"rl:{name}:{self.algorithm.value}:{limit}/{self.per_seconds:g}"
        )

    @staticmethod
    def _resolve_key(key: KeyFunc | str) -> KeyFunc:
        if isinstance(key, str):
            if key not in _NAMED_KEYS:
                raise GuardConfigError(f"unknown rate-limit key {key!r}; use {sorted(_NAMED_KEYS)}")
            return _NAMED_KEYS[key]
        if not callable(key):
            raise GuardConfigError("key must be a callable or one of 'ip', 'principal', 'api_key'")
        return key

    def caller_key(self, request: Request) -> str:
        """The store key this request is counted under."""
        caller = self._key(request)
        return f"{self._namespace}:{hash_id(caller) if caller else 'anonymous'}"

    def hit(self, request: Request) -> Admission:
        """Count one hit for the caller and return the store's answer (raises StoreError)."""
        key = self.caller_key(request)
        now = self._clock()
        if self.algorithm is Algorithm.FIXED:
            return self.store.fixed_window(key, now, self.per_seconds, self.limit)
        if self.algorithm is Algorithm.SLIDING:
            return self.store.sliding_window(key, now, self.per_seconds, self.limit)
        rate = self.limit / self.per_seconds
        return self.store.token_bucket(key, now, rate, self.capacity)

    def __call__(self, request: Request) -> None:
        try:
            admission = self.hit(request)
        except StoreError as exc:
            violation = GuardViolation(
                429, "ratelimit.store_unavailable", str(exc), retry_after=1.0
            )
            if self.on_store_error is OnStoreError.FAIL_OPEN:
                request.alert(violation)
                return
            raise violation from None
        if not admission.allowed:
            raise GuardViolation(
                429,
                "ratelimit.exceeded",
                f"{self.limit} per {self.per_seconds:g}s ({self.algorithm.value})",
                retry_after=round(admission.retry_after, 3),
            )
