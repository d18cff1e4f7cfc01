"""A JWKS cache of our own: keys by ``kid``, fetched through a fetcher passed in.

``JWKSClient(url, fetcher=...)`` fetches the key set on first use and again after ``ttl`` seconds.
A token whose ``kid`` is unknown triggers one refetch (key rotation), but refetches are spaced by
``min_refetch_interval`` so a flood of made-up ``kid`` values cannot hammer the identity provider.
When a refetch fails, the last good key set keeps serving for ``max_stale`` seconds (public keys,
so a stale set can only refuse tokens signed by new keys, never admit forged ones).
Offline: :meth:`JWKSClient.from_dict` and :meth:`JWKSClient.from_file` never fetch.

Symmetric keys (``kty: oct``) in a key set are ignored: HS tokens are only accepted with a secret
given explicitly to :class:`~faasguard.guard.auth.jwt_auth.JWTAuth`.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from faasguard.guard.auth.fetch import Fetcher, https_fetcher

__all__ = ["JWKSClient", "JWKSError", "JWKSUnavailable", "UnknownKey", "key_matches_alg"]


class JWKSError(Exception):
    """Base class of key-set failures."""


class JWKSUnavailable(JWKSError):
    """The key set could not be fetched and no usable copy is cached."""


class UnknownKey(JWKSError):
    """No key in the set matches the token's ``kid`` and algorithm."""


_EC_CURVES = {"ES256": "P-256", "ES256K": "secp256k1", "ES384": "P-384", "ES512": "P-521"}


def key_matches_alg(jwk: Mapping[str, Any], alg: str) -> bool:
    """Whether a JWK may verify a token signed with ``alg`` (key type, curve, declared alg)."""
    declared = jwk.get("alg")
    if declared is not None and declared != alg:
        return False
    kty = jwk.get("kty")
    if alg.startswith(("RS", "PS")):
        return bool(kty == "RSA")
    if alg in _EC_CURVES:
        return kty == "EC" and jwk.get("crv") == _EC_CURVES[alg]
    if alg in ("EdDSA", "Ed25519", "Ed448"):
        return kty == "OKP" and jwk.get("crv") in ("Ed25519", "Ed448")
    return False


def _parse(document: Any) -> list[tuple[dict[str, Any], Any]]:
    """Usable signature keys of a JWKS document, as (jwk, key object) pairs."""
    import jwt

    if not isinstance(document, dict) or not isinstance(document.get("keys"), list):
        raise JWKSError("not a JWKS document")
    keys: list[tuple[dict[str, Any], Any]] = []
    for jwk in document["keys"]:
        if not isinstance(jwk, dict) or jwk.get("kty") not in ("RSA", "EC", "OKP"):
            continue
        if jwk.get("use", "sig") != "sig":
            continue
        try:
            keys.append((jwk, jwt.PyJWK(jwk).key))
        except (jwt.PyJWTError, ValueError, TypeError):
            continue  # an unsupported or broken key does not spoil the others
    return keys


class JWKSClient:
    """Keys of one JWKS URL (or of a fixed document), cached with a TTL."""

    def __init__(
        self,
        url: str | None = None,
        *,
        fetcher: Fetcher | None = None,
        ttl: float = 3600.0,
        min_refetch_interval: float = 60.0,
        max_stale: float = 86400.0,
        clock: Callable[[], float] = time.monotonic,
        document: Mapping[str, Any] | None = None,
    ) -> None:
        if url is None and document is None:
            raise ValueError("JWKSClient needs a url or a document")
        self.url = url
        self._fetch = fetcher or https_fetcher()
        self._ttl = ttl
        self._min_interval = min_refetch_interval
        self._max_stale = max_stale
        self._clock = clock
        self._lock = threading.Lock()
        self._keys: list[tuple[dict[str, Any], Any]] = []
        self._fetched_at: float | None = None
        self._attempted_at: float | None = None
        if document is not None:
            self._keys = _parse(dict(document))
            if not self._keys:
                raise JWKSError("the JWKS document holds no usable signature key")

    @classmethod
    def from_dict(cls, document: Mapping[str, Any]) -> JWKSClient:
        """A fixed key set that is never fetched."""
        return cls(document=document)

    @classmethod
    def from_file(cls, path: str | Path) -> JWKSClient:
        """A fixed key set read from a JSON file (for example one bundled with the function)."""
        return cls(document=json.loads(Path(path).read_text(encoding="utf-8")))

    def get_key(self, kid: str | None, alg: str) -> Any:
        """The key verifying a token with this ``kid`` and ``alg``; raises a :class:`JWKSError`."""
        with self._lock:
            if self.url is not None and self._expired():
                self._refresh(required=not self._usable())
            key = self._find(kid, alg)
            if key is None and self.url is not None and self._may_refetch():
                self._refresh(required=False)  # rotation: the kid may be new
                key = self._find(kid, alg)
        if key is None:
            raise UnknownKey(f"no key for kid={kid!r} alg={alg}")
        return key

    def _find(self, kid: str | None, alg: str) -> Any:
        candidates = [
            (jwk, key)
            for jwk, key in self._keys
            if (kid is None or jwk.get("kid") == kid) and key_matches_alg(jwk, alg)
        ]
        # Without a kid, only an unambiguous set (one matching key) is trusted.
        if len(candidates) == 1 or (kid is not None and candidates):
            return candidates[0][1]
        return None

    def _expired(self) -> bool:
        return self._fetched_at is None or self._clock() - self._fetched_at >= self._ttl

    def _usable(self) -> bool:
        """Whether the cached set may still serve (within max_stale of its fetch)."""
        if self._fetched_at is None:
            return False
        return self._clock() - self._fetched_at < self._ttl + self._max_stale

    def _may_refetch(self) -> bool:
        return (
            self._attempted_at is None or self._clock() - self._attempted_at >= self._min_interval
        )

    def _refresh(self, *, required: bool) -> None:
        """Fetch the set; on failure keep the old one unless ``required`` (then raise)."""
        if not self._may_refetch():
            if required:
                raise JWKSUnavailable("JWKS fetch failed recently; not retrying yet")
            return
        assert self.url is not None
        self._attempted_at = self._clock()
        try:
            keys = _parse(json.loads(self._fetch(self.url)))
        except Exception as exc:  # transport, JSON or format: all mean "no new keys"
            if required:
                self._keys = []
                raise JWKSUnavailable(f"JWKS fetch failed: {type(exc).__name__}") from None
            return
        self._keys = keys
        self._fetched_at = self._clock()
