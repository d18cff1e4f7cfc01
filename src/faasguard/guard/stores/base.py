"""The store seam: atomic primitives that rate limiting and replay protection need.

Every implementation (memory, Redis, DynamoDB) performs each primitive atomically on the server
side, so that many containers sharing one store never admit more than the limit. The clock is never
read here: callers pass ``now`` (seconds since the epoch, a float), which keeps tests on a fake
clock and keeps every store computing the same answer for the same inputs.

The arithmetic shared by every backend lives in this module as pure functions; the Redis Lua
scripts repeat it and the contract tests check that all stores agree.
"""

from __future__ import annotations

import enum
import hashlib
import math
from dataclasses import dataclass
from typing import Protocol, runtime_checkable

__all__ = [
    "Admission",
    "OnStoreError",
    "Store",
    "StoreError",
    "bucket_admission",
    "bucket_ttl",
    "fixed_admission",
    "hash_id",
    "refill_tokens",
    "sliding_admission",
    "sliding_max_current",
    "sliding_retry_after",
    "sliding_weight",
    "window_index",
]


class StoreError(Exception):
    """The store could not answer (connection refused, timeout, throttling, bad reply).

    Checks catch this one exception and apply their ``on_store_error`` policy; the message names
    the backend and the operation but never a key or a secret.
    """


class OnStoreError(str, enum.Enum):
    """What a check does when its store cannot answer."""

    FAIL_CLOSED = "fail-closed"
    FAIL_OPEN = "fail-open"


def hash_id(value: str) -> str:
    """A fixed-length, separator-free id for a caller or nonce (raw values never reach a store)."""
    return hashlib.sha256(value.encode("utf-8", "surrogatepass")).hexdigest()[:32]


@dataclass(frozen=True, slots=True)
class Admission:
    """The answer of one rate-limit primitive.

    allowed: whether this hit was admitted (and counted).
    remaining: hits still admitted in the current window or bucket after this one (floored).
    retry_after: seconds until a retry could be admitted; 0.0 when allowed.
    """

    allowed: bool
    remaining: int
    retry_after: float


@runtime_checkable
class Store(Protocol):
    """Atomic primitives over a shared key space.

    Keys are opaque strings built by the checks (already namespaced and hashed); a store may add its
    own prefix. ``window`` and ``ttl`` are in seconds.
    """

    def fixed_window(self, key: str, now: float, window: float, limit: int) -> Admission:
        """Count one hit in the fixed window containing ``now``; admitted while count <= limit."""
        ...

    def sliding_window(self, key: str, now: float, window: float, limit: int) -> Admission:
        """Sliding-window counter: the previous window's count, weighted by how much of it still
        overlaps the sliding window, plus the current count. A denied hit is not counted."""
        ...

    def token_bucket(
        self, key: str, now: float, rate: float, capacity: float, cost: float = 1.0
    ) -> Admission:
        """Take ``cost`` tokens from a bucket refilled at ``rate`` tokens/second up to ``capacity``
        (a new bucket starts full). A denied hit takes nothing."""
        ...

    def add_nonce(self, key: str, now: float, ttl: float) -> bool:
        """Record ``key`` for ``ttl`` seconds; False if it was already recorded and not expired."""
        ...


def window_index(now: float, window: float) -> int:
    """The number of the fixed window containing ``now``."""
    return math.floor(now / window)


def fixed_admission(count: int, now: float, window: float, limit: int) -> Admission:
    """Admission for a fixed window whose counter reached ``count`` with this hit."""
    if count <= limit:
        return Admission(True, limit - count, 0.0)
    end = (window_index(now, window) + 1) * window
    return Admission(False, 0, max(0.0, end - now))


def sliding_weight(now: float, window: float) -> float:
    """Share of the previous window still inside the sliding window ending at ``now``."""
    elapsed = now - window_index(now, window) * window
    return max(0.0, 1.0 - elapsed / window)


def sliding_max_current(prev: int, weight: float, limit: int) -> int:
    """Largest current-window count that still admits one more hit (may be negative)."""
    return math.floor(limit - 1 - prev * weight)


def sliding_retry_after(prev: int, cur: int, now: float, window: float, limit: int) -> float:
    """Seconds until the weighted count leaves room for one hit, assuming no other hits."""
    start = window_index(now, window) * window
    elapsed = now - start
    room = limit - 1 - cur
    if room >= 0 and prev > 0:
        # Inside this window: prev * (1 - (elapsed + t) / window) <= room.
        wait = window * (1.0 - room / prev) - elapsed
        return max(0.0, wait)
    # Next window: the current count becomes the previous one.
    until_next = window - elapsed
    if cur <= 0:
        return until_next
    return until_next + max(0.0, window * (1.0 - (limit - 1) / cur))


def sliding_admission(
    prev: int, cur: int, allowed: bool, now: float, window: float, limit: int
) -> Admission:
    """Admission for a sliding window: ``cur`` is the current count after this hit if allowed,
    before it otherwise."""
    weighted = prev * sliding_weight(now, window) + cur
    if allowed:
        return Admission(True, max(0, math.floor(limit - weighted)), 0.0)
    return Admission(False, 0, sliding_retry_after(prev, cur, now, window, limit))


def refill_tokens(
    tokens: float | None, stamp: float | None, now: float, rate: float, capacity: float
) -> float:
    """Tokens in a bucket at ``now``; a bucket never seen (``tokens is None``) is full."""
    if tokens is None or stamp is None:
        return capacity
    return min(capacity, tokens + max(0.0, now - stamp) * rate)


def bucket_admission(tokens: float, cost: float, rate: float) -> tuple[Admission, float]:
    """Admission for a bucket holding ``tokens`` (after refill); returns the tokens left."""
    if tokens >= cost:
        left = tokens - cost
        return Admission(True, math.floor(left / cost) if cost > 0 else 0, 0.0), left
    return Admission(False, 0, (cost - tokens) / rate), tokens


def bucket_ttl(rate: float, capacity: float) -> float:
    """Seconds after which an untouched bucket is full again and can be forgotten."""
    return capacity / rate + 1.0
