"""API keys compared in constant time.

``ApiKeyAuth`` reads the key from a header (``x-api-key`` by default), hashes it with SHA-256 and
compares the digest with the digest of every configured key using ``hmac.compare_digest``, without
stopping at the first match, so timing tells nothing about which key or prefix matched. Keys can be
given in clear or already hashed (``hashed=True``: hex SHA-256 digests, so the function's
configuration never holds a usable key). A lookup callable can replace the list; it then owns the
constant-time comparison. On success ``request.claims["api_key_owner"]`` names the owner.
Failures answer 401: ``apikey.missing``, ``apikey.invalid``.
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Callable, Collection, Mapping

from faasguard.guard._request import Request
from faasguard.guard.errors import GuardConfigError, GuardViolation

__all__ = ["ApiKeyAuth", "hash_api_key"]

_MAX_KEY_LENGTH = 4096


def hash_api_key(key: str) -> str:
    """The hex SHA-256 digest to configure with ``hashed=True``."""
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


def _digest(value: str, hashed: bool) -> bytes:
    if not hashed:
        return hashlib.sha256(value.encode("utf-8")).digest()
    try:
        raw = bytes.fromhex(value)
    except ValueError:
        raise GuardConfigError("hashed API keys must be hex SHA-256 digests") from None
    if len(raw) != hashlib.sha256().digest_size:
        raise GuardConfigError("hashed API keys must be hex SHA-256 digests")
    return raw


class ApiKeyAuth:
    """A check admitting requests that carry one of the configured API keys.

    ``keys`` is a mapping of key to owner, a collection of keys (the owner is then a short digest
    of the key, safe to log) or a callable ``lookup(key) -> owner | None``.
    """

    def __init__(
        self,
        keys: Mapping[str, str] | Collection[str] | Callable[[str], str | None],
        *,
        header: str = "x-api-key",
        hashed: bool = False,
        name: str = "api_key",
    ) -> None:
        self._lookup: Callable[[str], str | None] | None = None
        self._entries: list[tuple[bytes, str]] = []
        if callable(keys):
            self._lookup = keys
        else:
            if isinstance(keys, str):
                raise GuardConfigError("keys must be a collection of keys, not one string")
            owners = keys if isinstance(keys, Mapping) else dict.fromkeys(keys)
            for key, owner in owners.items():
                if not key:
                    raise GuardConfigError("empty API key configured")
                digest = _digest(key, hashed)
                self._entries.append((digest, owner or "key-" + digest.hex()[:12]))
            if not self._entries:
                raise GuardConfigError("ApiKeyAuth needs at least one key")
        self._header = header.lower()
        self.name = name

    def __call__(self, request: Request) -> None:
        presented = request.headers.get(self._header, "")
        if not presented:
            raise GuardViolation(401, "apikey.missing", f"no {self._header} header")
        if len(presented) > _MAX_KEY_LENGTH:
            raise GuardViolation(401, "apikey.invalid", "API key too long")
        owner = self._find(presented)
        if owner is None:
            raise GuardViolation(401, "apikey.invalid", "unknown API key")
        request.claims["api_key_owner"] = owner

    def _find(self, presented: str) -> str | None:
        if self._lookup is not None:
            return self._lookup(presented)
        digest = hashlib.sha256(presented.encode("utf-8", "surrogatepass")).digest()
        found: str | None = None
        for expected, owner in self._entries:
            # Every entry is compared; no early exit.
            if hmac.compare_digest(digest, expected) and found is None:
                found = owner
        return found
