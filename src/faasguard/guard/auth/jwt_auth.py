"""JWT bearer tokens, verified with PyJWT (the ``jwt`` extra).

``JWTAuth`` takes the algorithms explicitly. Asymmetric families (RS, PS, ES, EdDSA) verify with a
public key or a :class:`~faasguard.guard.auth.jwks.JWKSClient`; HS verifies only with a secret
given explicitly, and never in the same check as an asymmetric algorithm, so a public key can never
be used as an HMAC secret (algorithm confusion). ``none`` is refused at configuration. The token's
``alg`` must be one of those configured before any key is looked up.

Time claims (``exp`` required by default, ``nbf``, ``iat`` not in the future) are checked against
the clock passed in, with ``leeway`` seconds; issuer and audience when given; ``expected_claims``
must match exactly (or be in a collection). Claims land in ``request.claims``.
Failures answer 401 (``jwt.missing``, ``jwt.malformed``, ``jwt.alg``, ``jwt.kid``,
``jwt.signature``, ``jwt.expired``, ``jwt.not_yet_valid``, ``jwt.issuer``, ``jwt.audience``,
``jwt.claims``, ``jwt.invalid``) or 503 ``jwt.jwks_unavailable``.
"""

from __future__ import annotations

import base64
import binascii
import json
import time
from collections.abc import Callable, Collection, Mapping, Sequence
from typing import Any

from faasguard.guard._request import Request
from faasguard.guard.auth.jwks import JWKSClient, JWKSUnavailable, UnknownKey
from faasguard.guard.auth.keys import check_key_for_algorithms, load_key
from faasguard.guard.errors import GuardConfigError, GuardViolation

__all__ = ["HMAC_ALGORITHMS", "JWTAuth", "TokenSource", "bearer_token"]

HMAC_ALGORITHMS = frozenset({"HS256", "HS384", "HS512"})
ASYMMETRIC_ALGORITHMS = frozenset(
    {"RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512", "EdDSA"}
)
_MAX_TOKEN = 16_384

TokenSource = Callable[[Request], str | None]


def bearer_token(request: Request) -> str | None:
    """The token of an ``Authorization: Bearer <token>`` header."""
    value = request.headers.get("authorization", "")
    scheme, _, token = value.strip().partition(" ")
    if scheme.lower() != "bearer":
        return None
    return token.strip() or None


def _fail(rule: str, detail: str) -> GuardViolation:
    return GuardViolation(401, f"jwt.{rule}", detail)


def _unverified_header(token: str) -> dict[str, Any]:
    """The JOSE header of a compact JWS, decoded but not trusted.

    Only ``alg`` (checked against the configured list) and ``kid`` (to pick a JWKS key) are read
    from it; ``jwt.decode`` then parses and verifies the whole token itself. Reading the header
    here rather than with ``jwt.get_unverified_header`` spares a second full parse of the token
    (PyJWT checks every character of every segment in Python, twice the cost per request).
    """
    segment = token.partition(".")[0]
    try:
        raw = base64.b64decode(
            segment.replace("-", "+").replace("_", "/") + "=" * (-len(segment) % 4),
            validate=True,
        )
        header = json.loads(raw)
    except (binascii.Error, ValueError, RecursionError):
        raise _fail("malformed", "unreadable header") from None
    if not isinstance(header, dict):
        raise _fail("malformed", "header is not an object")
    if not isinstance(header.get("kid", ""), str):
        raise _fail("malformed", "kid is not a string")
    return header


def _validate_algorithms(algorithms: Sequence[str]) -> frozenset[str]:
    if isinstance(algorithms, str) or not algorithms:
        raise GuardConfigError("algorithms must be a non-empty list, e.g. ['RS256']")
    algs = frozenset(algorithms)
    unknown = algs - HMAC_ALGORITHMS - ASYMMETRIC_ALGORITHMS
    if unknown:
        raise GuardConfigError(f"unsupported or refused JWT algorithms: {sorted(unknown)}")
    if algs & HMAC_ALGORITHMS and algs & ASYMMETRIC_ALGORITHMS:
        raise GuardConfigError("HS and asymmetric algorithms cannot be mixed in one JWTAuth")
    return algs


class JWTAuth:
    """A check verifying a JWT (see the module docs)."""

    def __init__(
        self,
        *,
        algorithms: Sequence[str],
        key: Any = None,
        jwks: JWKSClient | None = None,
        issuer: str | Collection[str] | None = None,
        audience: str | Collection[str] | None = None,
        leeway: float = 0.0,
        require: Collection[str] = ("exp",),
        expected_claims: Mapping[str, Any] | None = None,
        token_from: TokenSource = bearer_token,
        clock: Callable[[], float] = time.time,
        name: str = "jwt",
    ) -> None:
        try:
            import jwt
        except ImportError:
            raise GuardConfigError("JWTAuth needs PyJWT: install faasguard[jwt]") from None
        self._jwt = jwt
        self.algorithms = _validate_algorithms(algorithms)
        if (key is None) == (jwks is None):
            raise GuardConfigError("give exactly one of key= or jwks=")
        if self.algorithms & HMAC_ALGORITHMS and jwks is not None:
            raise GuardConfigError("HS algorithms need an explicit secret, not a JWKS")
        self._key = None if key is None else load_key(key, self.algorithms)
        if self._key is not None:
            check_key_for_algorithms(self._key, self.algorithms)
        self._jwks = jwks
        self._issuers = frozenset([issuer] if isinstance(issuer, str) else issuer or ())
        self._audience = [audience] if isinstance(audience, str) else audience
        self._leeway = leeway
        self._require = list({*require, *(["iss"] if self._issuers else [])})
        self._expected = dict(expected_claims or {})
        self._token_from = token_from
        self._clock = clock
        self.name = name

    def __call__(self, request: Request) -> None:
        token = self._token_from(request)
        if not token:
            raise _fail("missing", "no bearer token")
        if len(token) > _MAX_TOKEN or token.count(".") != 2:
            raise _fail("malformed", "not a compact JWS")
        claims = self.verify(token)
        request.claims.update(claims)

    def verify(self, token: str) -> dict[str, Any]:
        """The verified claims of ``token``; raises :class:`GuardViolation` otherwise."""
        jwt = self._jwt
        header = _unverified_header(token)
        alg = header.get("alg")
        if not isinstance(alg, str) or alg not in self.algorithms:
            raise _fail("alg", f"algorithm {alg!r} not accepted")
        key = self._key if self._key is not None else self._jwks_key(header, alg)
        try:
            claims: dict[str, Any] = jwt.decode(
                token,
                key,
                algorithms=[alg],
                audience=self._audience,
                options={
                    "verify_exp": False,
                    "verify_nbf": False,
                    "verify_iat": False,
                    "verify_iss": False,
                    "require": self._require,
                },
            )
        except jwt.PyJWTError as exc:
            raise _map_error(jwt, exc) from None
        self._check_claims(claims)
        return claims

    def _jwks_key(self, header: Mapping[str, Any], alg: str) -> Any:
        assert self._jwks is not None
        kid = header.get("kid")
        if kid is not None and not isinstance(kid, str):
            raise _fail("malformed", "kid is not a string")
        try:
            return self._jwks.get_key(kid, alg)
        except UnknownKey:
            raise _fail("kid", "no key for the token's kid") from None
        except JWKSUnavailable as exc:
            raise GuardViolation(503, "jwt.jwks_unavailable", str(exc), retry_after=5.0) from None

    def _check_claims(self, claims: Mapping[str, Any]) -> None:
        now = self._clock()
        for name in ("exp", "nbf", "iat"):
            value = claims.get(name)
            if value is not None and (
                isinstance(value, bool) or not isinstance(value, int | float)
            ):
                raise _fail("claims", f"{name} is not a number")
        exp, nbf, iat = claims.get("exp"), claims.get("nbf"), claims.get("iat")
        if exp is not None and now > exp + self._leeway:
            raise _fail("expired", "token expired")
        if nbf is not None and now < nbf - self._leeway:
            raise _fail("not_yet_valid", "token not valid yet (nbf)")
        if iat is not None and now < iat - self._leeway:
            raise _fail("not_yet_valid", "token issued in the future (iat)")
        if self._issuers and claims.get("iss") not in self._issuers:
            raise _fail("issuer", "issuer not accepted")
        for name, expected in self._expected.items():
            value = claims.get(name)
            ok = value in expected if _is_collection(expected) else value == expected
            if not ok:
                raise _fail("claims", f"claim {name} does not match")


def _is_collection(value: Any) -> bool:
    return isinstance(value, (list, tuple, set, frozenset))


def _map_error(jwt: Any, exc: Exception) -> GuardViolation:
    table: list[tuple[Any, str]] = [
        (jwt.InvalidSignatureError, "signature"),
        (jwt.InvalidAudienceError, "audience"),
        (jwt.MissingRequiredClaimError, "claims"),
        (jwt.InvalidAlgorithmError, "alg"),
        (jwt.InvalidKeyError, "alg"),
        (jwt.DecodeError, "malformed"),
    ]
    for cls, rule in table:
        if isinstance(exc, cls):
            return _fail(rule, type(exc).__name__)
    return _fail("invalid", type(exc).__name__)
