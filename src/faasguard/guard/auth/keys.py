"""Loading verification keys once, at cold start, and matching them to algorithms.

HS secrets must be bytes or text of at least 32 bytes and must not look like public-key material
(PEM, OpenSSH, JWK): that is the algorithm-confusion attack, where a verifier is tricked into using
a public key as an HMAC secret. Asymmetric keys are loaded into ``cryptography`` key objects (PEM
public key, PEM certificate, public JWK, or a key object) so that PyJWT does not parse PEM on every
call; a private key is refused, a verifier needs only the public half.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from faasguard.guard.errors import GuardConfigError

__all__ = ["MIN_HMAC_SECRET", "check_key_for_algorithms", "load_key"]

MIN_HMAC_SECRET = 32
_PUBLIC_MARKERS = (b"-----BEGIN", b"ssh-rsa", b"ssh-ed25519", b"ecdsa-sha2-", b"{")
_EC_ALGS = {"ES256": "secp256r1", "ES384": "secp384r1", "ES512": "secp521r1"}


def _hmac_secret(key: Any) -> bytes:
    if isinstance(key, str):
        key = key.encode("utf-8")
    if not isinstance(key, bytes):
        raise GuardConfigError("HS algorithms need the secret as str or bytes")
    if key.lstrip().startswith(_PUBLIC_MARKERS):
        raise GuardConfigError("HS secret looks like a public key: algorithm confusion refused")
    if len(key) < MIN_HMAC_SECRET:
        raise GuardConfigError(f"HS secret shorter than {MIN_HMAC_SECRET} bytes")
    return key


def _from_pem(data: bytes) -> Any:
    from cryptography import x509
    from cryptography.hazmat.primitives import serialization

    if b"PRIVATE KEY" in data:
        raise GuardConfigError("give JWTAuth the public key, not the private key")
    try:
        if b"BEGIN CERTIFICATE" in data:
            return x509.load_pem_x509_certificate(data).public_key()
        return serialization.load_pem_public_key(data)
    except ValueError:
        raise GuardConfigError("cannot read the PEM public key") from None


def _from_jwk(jwk: Mapping[str, Any]) -> Any:
    import jwt

    if jwk.get("kty") not in ("RSA", "EC", "OKP"):
        raise GuardConfigError("only RSA, EC and OKP JWKs verify asymmetric algorithms")
    if "d" in jwk:
        raise GuardConfigError("give JWTAuth the public JWK, not the private one")
    try:
        return jwt.PyJWK(dict(jwk)).key
    except (jwt.PyJWTError, ValueError, TypeError):
        raise GuardConfigError("cannot read the JWK") from None


def load_key(key: Any, algorithms: frozenset[str]) -> Any:
    """The key object (or HS secret bytes) to verify tokens of ``algorithms`` with."""
    if all(alg.startswith("HS") for alg in algorithms):
        return _hmac_secret(key)
    if isinstance(key, str):
        key = key.encode("utf-8")
    if isinstance(key, bytes):
        return _from_pem(key)
    if isinstance(key, Mapping):
        return _from_jwk(key)
    public_key = getattr(key, "public_key", None)
    if callable(public_key) and type(key).__name__.endswith("PrivateKey"):
        raise GuardConfigError("give JWTAuth the public key, not the private key")
    return key


def check_key_for_algorithms(key: Any, algorithms: frozenset[str]) -> None:
    """Refuse a key that cannot serve every configured algorithm (wrong type or curve)."""
    if isinstance(key, bytes):
        return  # HS secret, checked by load_key
    from cryptography.hazmat.primitives.asymmetric import ec, ed448, ed25519, rsa

    for alg in algorithms:
        if alg.startswith(("RS", "PS")):
            ok = isinstance(key, rsa.RSAPublicKey)
        elif alg in _EC_ALGS:
            ok = isinstance(key, ec.EllipticCurvePublicKey) and key.curve.name == _EC_ALGS[alg]
        elif alg == "EdDSA":
            ok = isinstance(key, (ed25519.Ed25519PublicKey, ed448.Ed448PublicKey))
        else:
            ok = False
        if not ok:
            raise GuardConfigError(f"the key cannot verify {alg} tokens")
