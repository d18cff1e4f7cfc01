"""In-memory store: one container (one Lambda execution environment) and tests.

Thread-safe through one lock. Memory is bounded: past ``max_keys`` live keys, expired entries are
swept and, if that is not enough, the oldest keys are evicted (an attacker spraying keys can reset
old counters, never grow memory without bound). Expiry follows the ``now`` passed by the caller, so
a fake clock drives it.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass

from faasguard.guard.stores.base import (
    Admission,
    bucket_admission,
    bucket_ttl,
    fixed_admission,
    refill_tokens,
    sliding_admission,
    sliding_max_current,
    sliding_weight,
    window_index,
)

__all__ = ["MemoryStore"]


@dataclass(slots=True)
class _Entry:
    value: float
    stamp: float
    expires: float


class MemoryStore:
    """A :class:`~faasguard.guard.stores.base.Store` held in a dict of this process."""

    def __init__(self, *, max_keys: int = 100_000) -> None:
        if max_keys < 1:
            raise ValueError("max_keys must be at least 1")
        self._max_keys = max_keys
        self._data: dict[str, _Entry] = {}
        self._lock = threading.Lock()

    def __len__(self) -> int:
        return len(self._data)

    def _get(self, key: str, now: float) -> _Entry | None:
        entry = self._data.get(key)
        if entry is not None and entry.expires <= now:
            del self._data[key]
            return None
        return entry

    def _put(self, key: str, entry: _Entry, now: float) -> None:
        if key not in self._data and len(self._data) >= self._max_keys:
            self._make_room(now)
        self._data[key] = entry

    def _make_room(self, now: float) -> None:
        for stale in [k for k, e in self._data.items() if e.expires <= now]:
            del self._data[stale]
        while len(self._data) >= self._max_keys:
            del self._data[next(iter(self._data))]

    def fixed_window(self, key: str, now: float, window: float, limit: int) -> Admission:
        slot = f"{key}:f{window_index(now, window)}"
        with self._lock:
            entry = self._get(slot, now)
            count = 1 if entry is None else int(entry.value) + 1
            expires = (window_index(now, window) + 1) * window
            self._put(slot, _Entry(count, now, expires), now)
        return fixed_admission(count, now, window, limit)

    def sliding_window(self, key: str, now: float, window: float, limit: int) -> Admission:
        idx = window_index(now, window)
        prev_key, cur_key = f"{key}:s{idx - 1}", f"{key}:s{idx}"
        weight = sliding_weight(now, window)
        with self._lock:
            prev_entry = self._get(prev_key, now)
            cur_entry = self._get(cur_key, now)
            prev = 0 if prev_entry is None else int(prev_entry.value)
            cur = 0 if cur_entry is None else int(cur_entry.value)
            allowed = cur <= sliding_max_current(prev, weight, limit)
            if allowed:
                cur += 1
                self._put(cur_key, _Entry(cur, now, (idx + 2) * window), now)
        return sliding_admission(prev, cur, allowed, now, window, limit)

    def token_bucket(
        self, key: str, now: float, rate: float, capacity: float, cost: float = 1.0
    ) -> Admission:
        slot = f"{key}:b"
        with self._lock:
            entry = self._get(slot, now)
            tokens = refill_tokens(
                None if entry is None else entry.value,
                None if entry is None else entry.stamp,
                now,
                rate,
                capacity,
            )
            admission, left = bucket_admission(tokens, cost, rate)
            stamp = now if entry is None else max(now, entry.stamp)
            self._put(slot, _Entry(left, stamp, stamp + bucket_ttl(rate, capacity)), now)
        return admission

    def add_nonce(self, key: str, now: float, ttl: float) -> bool:
        slot = f"{key}:n"
        with self._lock:
            if self._get(slot, now) is not None:
                return False
            self._put(slot, _Entry(1, now, now + ttl), now)
            return True
