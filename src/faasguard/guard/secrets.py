"""Secrets from the environment, SSM Parameter Store, Secrets Manager or HashiCorp Vault.

:class:`Secrets` caches values for ``ttl`` seconds (clock passed in), re-fetches after
:meth:`Secrets.invalidate` (call it when a consumer reports an authentication failure: the secret
was probably rotated), and hands out :class:`SecretValue` objects whose ``repr``/``str`` are
redacted, so a value never lands in a log by accident. :meth:`Secrets.call_with` wraps the
"use, and on an auth error refresh once and retry" loop.

Providers live in :mod:`faasguard.guard.secrets_backends`; boto3 and hvac are imported lazily
(extras ``aws`` and ``vault``).
"""

from __future__ import annotations

import hmac
import json
import threading
import time
from collections.abc import Callable, Mapping
from typing import Any, Protocol, TypeVar

from faasguard.guard.logging import Outcome, SecurityLogger

__all__ = ["SecretProvider", "SecretUnavailable", "SecretValue", "Secrets"]

T = TypeVar("T")


class SecretValue:
    """A secret that does not print itself. ``reveal()`` gives the value."""

    __slots__ = ("_value", "name", "version")

    def __init__(self, name: str, value: str | bytes, version: str | None = None) -> None:
        self._value = value
        self.name = name
        self.version = version

    def reveal(self) -> str | bytes:
        """The secret itself: pass it straight to the client that needs it."""
        return self._value

    def text(self) -> str:
        """The secret as text (bytes decoded as UTF-8)."""
        value = self._value
        return value.decode("utf-8") if isinstance(value, bytes) else value

    def json(self) -> Any:
        """The secret parsed as JSON (Secrets Manager key/value secrets)."""
        return json.loads(self.text())

    def __repr__(self) -> str:
        return f"SecretValue(name={self.name!r}, value='***')"

    __str__ = __repr__

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, SecretValue):
            return NotImplemented
        mine, theirs = self._value, other._value
        a = mine.encode() if isinstance(mine, str) else mine
        b = theirs.encode() if isinstance(theirs, str) else theirs
        return hmac.compare_digest(a, b)

    __hash__ = None  # type: ignore[assignment]

    def __reduce__(self) -> Any:
        raise TypeError("SecretValue cannot be pickled")


class SecretUnavailable(Exception):
    """The provider could not give the secret (missing, denied, or unreachable)."""

    def __init__(self, name: str, reason: str) -> None:
        super().__init__(f"secret {name!r} unavailable: {reason}")
        self.name = name
        self.reason = reason


class SecretProvider(Protocol):
    """A source of secrets: ``fetch`` returns the value and a version id (or ``None``)."""

    name: str

    def fetch(self, name: str) -> tuple[str | bytes, str | None]: ...


class _Entry:
    __slots__ = ("expires", "value")

    def __init__(self, value: SecretValue, expires: float) -> None:
        self.value = value
        self.expires = expires


class Secrets:
    """A TTL cache in front of one :class:`SecretProvider`.

    ``stale_if_error``: for how many seconds past expiry a cached value may still be served when
    the provider fails (0: never, the safe default; a failure raises :class:`SecretUnavailable`).
    """

    def __init__(
        self,
        provider: SecretProvider,
        *,
        ttl: float = 300.0,
        stale_if_error: float = 0.0,
        clock: Callable[[], float] = time.monotonic,
        logger: SecurityLogger | None = None,
    ) -> None:
        self.provider = provider
        self.ttl = ttl
        self.stale_if_error = stale_if_error
        self._clock = clock
        self._logger = logger
        self._cache: dict[str, _Entry] = {}
        self._lock = threading.Lock()

    def get(self, name: str) -> SecretValue:
        """The secret ``name``, from the cache while fresh, else from the provider."""
        now = self._clock()
        with self._lock:
            entry = self._cache.get(name)
            if entry is not None and now < entry.expires:
                return entry.value
            try:
                value, version = self.provider.fetch(name)
            except Exception as exc:
                if entry is not None and now < entry.expires + self.stale_if_error:
                    self._log("secrets.stale", name, type(exc).__name__)
                    return entry.value
                self._log("secrets.unavailable", name, type(exc).__name__)
                if isinstance(exc, SecretUnavailable):
                    raise
                raise SecretUnavailable(name, type(exc).__name__) from exc
            secret = SecretValue(name, value, version)
            self._cache[name] = _Entry(secret, now + self.ttl)
            return secret

    def get_json(self, name: str) -> Any:
        """The secret parsed as JSON."""
        return self.get(name).json()

    def invalidate(self, name: str | None = None) -> None:
        """Forget ``name`` (or every secret) so the next ``get`` fetches it again."""
        with self._lock:
            if name is None:
                self._cache.clear()
            else:
                self._cache.pop(name, None)
        self._log("secrets.invalidated", name or "*", "")

    def call_with(
        self,
        name: str,
        fn: Callable[[SecretValue], T],
        *,
        retry_on: tuple[type[BaseException], ...] = (PermissionError,),
    ) -> T:
        """Call ``fn(secret)``; on an error in ``retry_on`` refresh the secret and retry once.

        The retry only happens when the refreshed secret differs from the one that failed (it
        was rotated); otherwise the original error is raised again.
        """
        secret = self.get(name)
        try:
            return fn(secret)
        except retry_on:
            self.invalidate(name)
            fresh = self.get(name)
            if fresh == secret:
                raise
            return fn(fresh)

    def _log(self, rule: str, name: str, reason: str) -> None:
        if self._logger is not None:
            detail = f"{self.provider.name}:{name} {reason}".strip()
            self._logger.decision(None, Outcome.ALERT, rule, check="secrets", detail=detail)


def env_provider(environ: Mapping[str, str] | None = None) -> SecretProvider:
    """A provider reading environment variables (``environ`` defaults to ``os.environ``)."""
    from faasguard.guard.secrets_backends.env import EnvProvider

    return EnvProvider(environ)
