"""Lambda authorizer meant for the admin routes (HTTP API, simple responses).

INSECURE ON PURPOSE: every deliberate problem is marked with a "# VULN:" comment.
"""

import jwt


def handler(event, context):
    header = (event.get("headers") or {}).get("authorization", "")
    token = header.removeprefix("Bearer ")
    try:
        # VULN: broken-access-control: JWT decoded without verifying its signature
        claims = jwt.decode(token, options={"verify_signature": False})
    except jwt.InvalidTokenError:
        return {"isAuthorized": False}
    return {
        "isAuthorized": claims.get("custom:role") == "admin",
        "context": {"sub": claims.get("sub", "")},
    }
