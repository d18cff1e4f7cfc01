"""Authentication and authorisation checks: JWT (JWKS, Cognito), API keys, RBAC.

JWT support imports PyJWT, so those names load on first use; API keys and RBAC need only the
standard library.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from faasguard.guard.auth.apikey import ApiKeyAuth, hash_api_key
from faasguard.guard.auth.fetch import Fetcher, https_fetcher
from faasguard.guard.auth.rbac import Rbac, Requirement

if TYPE_CHECKING:
    from faasguard.guard.auth.cognito import cognito_issuer, cognito_jwt
    from faasguard.guard.auth.jwks import JWKSClient, JWKSError, JWKSUnavailable, UnknownKey
    from faasguard.guard.auth.jwt_auth import JWTAuth, bearer_token

__all__ = [
    "ApiKeyAuth",
    "Fetcher",
    "JWKSClient",
    "JWKSError",
    "JWKSUnavailable",
    "JWTAuth",
    "Rbac",
    "Requirement",
    "UnknownKey",
    "bearer_token",
    "cognito_issuer",
    "cognito_jwt",
    "hash_api_key",
    "https_fetcher",
]

_LAZY = {
    "JWTAuth": "faasguard.guard.auth.jwt_auth",
    "bearer_token": "faasguard.guard.auth.jwt_auth",
    "JWKSClient": "faasguard.guard.auth.jwks",
    "JWKSError": "faasguard.guard.auth.jwks",
    "JWKSUnavailable": "faasguard.guard.auth.jwks",
    "UnknownKey": "faasguard.guard.auth.jwks",
    "cognito_jwt": "faasguard.guard.auth.cognito",
    "cognito_issuer": "faasguard.guard.auth.cognito",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    import importlib

    return getattr(importlib.import_module(module), name)
