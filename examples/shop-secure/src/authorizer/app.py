"""Lambda authorizer for the admin routes (HTTP API, simple responses).

Verifies the Cognito access token (signature, issuer, expiry, client) and admits members of the
"admin" group only.
"""

import os

import jwt

REGION = os.environ.get("AWS_REGION", "eu-west-1")
USER_POOL_ID = os.environ["USER_POOL_ID"]
APP_CLIENT_ID = os.environ["APP_CLIENT_ID"]
ISSUER = f"https://cognito-idp.{REGION}.amazonaws.com/{USER_POOL_ID}"
jwks_client = jwt.PyJWKClient(f"{ISSUER}/.well-known/jwks.json", cache_keys=True)

DENY = {"isAuthorized": False}


def handler(event, context):
    header = (event.get("headers") or {}).get("authorization", "")
    if not header.startswith("Bearer "):
        return DENY
    token = header.removeprefix("Bearer ")
    try:
        signing_key = jwks_client.get_signing_key_from_jwt(token)
        claims = jwt.decode(
            token,
            signing_key.key,
            algorithms=["RS256"],
            issuer=ISSUER,
            options={"require": ["exp", "iat", "iss", "sub", "token_use", "client_id"]},
        )
    except jwt.PyJWTError:
        return DENY
    if claims["token_use"] != "access" or claims["client_id"] != APP_CLIENT_ID:
        return DENY
    groups = claims.get("cognito:groups", [])
    if "admin" not in groups:
        return DENY
    return {"isAuthorized": True, "context": {"sub": claims["sub"], "groups": ",".join(groups)}}
