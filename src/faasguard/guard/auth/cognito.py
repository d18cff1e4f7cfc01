"""Amazon Cognito user pools: a :class:`JWTAuth` with the pool's issuer, JWKS and token checks."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from faasguard.guard.auth.fetch import Fetcher
from faasguard.guard.auth.jwks import JWKSClient
from faasguard.guard.auth.jwt_auth import JWTAuth
from faasguard.guard.errors import GuardConfigError

__all__ = ["cognito_issuer", "cognito_jwt"]


def cognito_issuer(user_pool_id: str, region: str | None = None) -> str:
    """``https://cognito-idp.<region>.amazonaws.com/<pool id>``; the region defaults to the
    prefix of the pool id (``eu-west-1_AbC`` is in ``eu-west-1``)."""
    region = region or user_pool_id.partition("_")[0]
    if not region or "_" not in user_pool_id:
        raise GuardConfigError(f"not a Cognito user pool id: {user_pool_id!r}")
    return f"https://cognito-idp.{region}.amazonaws.com/{user_pool_id}"


def cognito_jwt(
    user_pool_id: str,
    region: str | None = None,
    *,
    client_id: str | None = None,
    token_use: str = "access",  # noqa: S107 - not a secret
    fetcher: Fetcher | None = None,
    jwks: JWKSClient | None = None,
    leeway: float = 0.0,
    clock: Callable[[], float] = time.time,
    **kwargs: Any,
) -> JWTAuth:
    """A JWTAuth for tokens of one Cognito user pool.

    Access tokens carry ``client_id`` (checked when given) and no audience; ID tokens carry the app
    client id as ``aud``, so ``client_id`` is required for them. ``token_use`` is always checked.
    """
    if token_use not in ("access", "id"):
        raise GuardConfigError("token_use must be 'access' or 'id'")
    issuer = cognito_issuer(user_pool_id, region)
    expected: dict[str, Any] = {"token_use": token_use}
    audience: str | None = None
    if token_use == "id":
        if client_id is None:
            raise GuardConfigError("ID tokens need client_id (their audience)")
        audience = client_id
    elif client_id is not None:
        expected["client_id"] = client_id
    return JWTAuth(
        algorithms=["RS256"],
        jwks=jwks or JWKSClient(f"{issuer}/.well-known/jwks.json", fetcher=fetcher),
        issuer=issuer,
        audience=audience,
        leeway=leeway,
        expected_claims=expected,
        clock=clock,
        **kwargs,
    )
