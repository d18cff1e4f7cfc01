"""Redis store: every primitive is one Lua script, so it runs atomically on the server.

Scripts are registered once per store (``register_script`` sends them with EVALSHA and loads them
again if the server forgot them). Keys carry a hash tag (``{...}``) so the two keys of a sliding
window land on the same Redis Cluster slot. Needs the ``redis`` extra.
"""

from __future__ import annotations

import math
from typing import Any

from faasguard.guard.stores.base import (
    Admission,
    StoreError,
    bucket_ttl,
    fixed_admission,
    sliding_admission,
    sliding_weight,
    window_index,
)

__all__ = ["RedisStore"]

# KEYS[1] counter; ARGV[1] expiry in ms. Returns the count after this hit.
_FIXED = """
local c = redis.call('INCR', KEYS[1])
if c == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
return c
"""

# KEYS[1] previous window, KEYS[2] current window; ARGV[1] weight of the previous window,
# ARGV[2] limit, ARGV[3] expiry in ms. Returns {allowed, prev, cur}.
_SLIDING = """
local prev = tonumber(redis.call('GET', KEYS[1]) or '0')
local cur = tonumber(redis.call('GET', KEYS[2]) or '0')
local max_cur = math.floor(tonumber(ARGV[2]) - 1 - prev * tonumber(ARGV[1]))
if cur <= max_cur then
  cur = redis.call('INCR', KEYS[2])
  if cur == 1 then redis.call('PEXPIRE', KEYS[2], ARGV[3]) end
  return {1, prev, cur}
end
return {0, prev, cur}
"""

# KEYS[1] bucket hash {t = tokens, ts = stamp}; ARGV: now, rate, capacity, cost, expiry ms.
# Returns {allowed, tokens left as a string} (Redis would truncate a Lua float reply).
_BUCKET = """
local now = tonumber(ARGV[1])
local rate = tonumber(ARGV[2])
local capacity = tonumber(ARGV[3])
local cost = tonumber(ARGV[4])
local state = redis.call('HMGET', KEYS[1], 't', 'ts')
local tokens = tonumber(state[1])
local stamp = tonumber(state[2])
if tokens == nil or stamp == nil then
  tokens = capacity
  stamp = now
end
tokens = math.min(capacity, tokens + math.max(0, now - stamp) * rate)
if now > stamp then stamp = now end
local allowed = 0
if tokens >= cost then
  tokens = tokens - cost
  allowed = 1
end
local left = string.format('%.17g', tokens)
redis.call('HSET', KEYS[1], 't', left, 'ts', string.format('%.17g', stamp))
redis.call('PEXPIRE', KEYS[1], ARGV[5])
return {allowed, left}
"""

# KEYS[1] nonce; ARGV: now, expiry time, expiry ms. The stored value is the expiry time on the
# caller's clock (the same clock every store follows); PX only cleans up. Returns 1 if new.
_NONCE = """
local expiry = tonumber(redis.call('GET', KEYS[1]))
if expiry ~= nil and expiry > tonumber(ARGV[1]) then return 0 end
redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3])
return 1
"""


def _ms(seconds: float) -> int:
    return max(1, math.ceil(seconds * 1000))


class RedisStore:
    """A :class:`~faasguard.guard.stores.base.Store` on Redis (or a Redis-compatible server).

    Pass a ``redis.Redis`` / ``redis.RedisCluster`` client, or a ``url`` to build one with short
    socket timeouts (a Lambda must not hang on a dead store).
    """

    def __init__(
        self,
        client: Any | None = None,
        *,
        url: str | None = None,
        prefix: str = "faasguard:",
        timeout: float = 0.5,
    ) -> None:
        import redis

        if client is None:
            if url is None:
                raise ValueError("RedisStore needs a client or a url")
            client = redis.Redis.from_url(
                url, socket_timeout=timeout, socket_connect_timeout=timeout
            )
        self._client = client
        self._prefix = prefix
        self._errors: tuple[type[BaseException], ...] = (redis.RedisError, OSError)
        self._fixed = client.register_script(_FIXED)
        self._sliding = client.register_script(_SLIDING)
        self._bucket = client.register_script(_BUCKET)
        self._nonce = client.register_script(_NONCE)

    def _key(self, key: str, suffix: str) -> str:
        return f"{self._prefix}{{{key}}}:{suffix}"

    def _run(self, script: Any, keys: list[str], args: list[Any], op: str) -> Any:
        try:
            return script(keys=keys, args=args)
        except self._errors as exc:
            raise StoreError(f"redis {op} failed: {type(exc).__name__}") from exc

    def fixed_window(self, key: str, now: float, window: float, limit: int) -> Admission:
        idx = window_index(now, window)
        ttl = (idx + 1) * window - now + 1.0
        count = self._run(self._fixed, [self._key(key, f"f{idx}")], [_ms(ttl)], "fixed_window")
        return fixed_admission(int(count), now, window, limit)

    def sliding_window(self, key: str, now: float, window: float, limit: int) -> Admission:
        idx = window_index(now, window)
        keys = [self._key(key, f"s{idx - 1}"), self._key(key, f"s{idx}")]
        weight = sliding_weight(now, window)
        ttl = (idx + 2) * window - now + 1.0
        reply = self._run(self._sliding, keys, [repr(weight), limit, _ms(ttl)], "sliding_window")
        allowed, prev, cur = (int(v) for v in reply)
        return sliding_admission(prev, cur, bool(allowed), now, window, limit)

    def token_bucket(
        self, key: str, now: float, rate: float, capacity: float, cost: float = 1.0
    ) -> Admission:
        args = [repr(now), repr(rate), repr(capacity), repr(cost), _ms(bucket_ttl(rate, capacity))]
        reply = self._run(self._bucket, [self._key(key, "b")], args, "token_bucket")
        allowed, left = bool(int(reply[0])), float(reply[1])
        if allowed:
            return Admission(True, math.floor(left / cost) if cost > 0 else 0, 0.0)
        return Admission(False, 0, (cost - left) / rate)

    def add_nonce(self, key: str, now: float, ttl: float) -> bool:
        args = [repr(now), repr(now + ttl), _ms(ttl)]
        return bool(self._run(self._nonce, [self._key(key, "n")], args, "add_nonce"))
