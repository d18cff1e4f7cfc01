"""Keys generated for the tests (never stored), and helpers to mint tokens and JWKS."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from typing import Any

import jwt
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec, ed25519, rsa
from jwt.algorithms import ECAlgorithm, OKPAlgorithm, RSAAlgorithm

HS_SECRET = b"0123456789abcdef0123456789abcdef-test-secret"


@dataclass(frozen=True)
class KeyPair:
    private: Any
    public: Any

    @property
    def public_pem(self) -> bytes:
        return bytes(
            self.public.public_bytes(
                serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
            )
        )


@cache
def rsa_pair() -> KeyPair:
    private = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    return KeyPair(private, private.public_key())


@cache
def ec_pair(curve: str = "P-256") -> KeyPair:
    curves = {"P-256": ec.SECP256R1(), "P-384": ec.SECP384R1()}
    private = ec.generate_private_key(curves[curve])
    return KeyPair(private, private.public_key())


@cache
def ed_pair() -> KeyPair:
    private = ed25519.Ed25519PrivateKey.generate()
    return KeyPair(private, private.public_key())


def token(key: Any, alg: str, claims: dict[str, Any], **headers: Any) -> str:
    return jwt.encode(claims, key, algorithm=alg, headers=headers or None)


def jwk(public: Any, kid: str, **extra: Any) -> dict[str, Any]:
    if isinstance(public, rsa.RSAPublicKey):
        data = json.loads(RSAAlgorithm.to_jwk(public))
    elif isinstance(public, ec.EllipticCurvePublicKey):
        data = json.loads(ECAlgorithm.to_jwk(public))
    else:
        data = json.loads(OKPAlgorithm.to_jwk(public))
    data.update(kid=kid, **extra)
    return dict(data)
