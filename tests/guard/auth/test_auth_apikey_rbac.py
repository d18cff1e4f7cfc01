"""ApiKeyAuth (constant-time, hashed keys, lookup) and Rbac (scopes, groups, path tricks)."""

from __future__ import annotations

from typing import Any

import pytest

from faasguard.guard import EventKind, GuardConfigError, GuardViolation, Request
from faasguard.guard.auth import ApiKeyAuth, Rbac, hash_api_key
from faasguard.guard.auth.rbac import claim_groups, claim_scopes, normalize_path


def keyed(value: str | None, header: str = "x-api-key") -> Request:
    headers = {} if value is None else {header: value}
    return Request(kind=EventKind.API_GATEWAY_REST, raw={}, headers=headers)


def rule_of(check: Any, request: Request) -> tuple[int, str]:
    with pytest.raises(GuardViolation) as info:
        check(request)
    return info.value.status, info.value.rule


def test_api_key_mapping_names_the_owner() -> None:
    check = ApiKeyAuth({"k-alpha-123": "alpha", "k-beta-456": "beta"})
    request = keyed("k-beta-456")
    check(request)
    assert request.claims["api_key_owner"] == "beta"
    assert rule_of(check, keyed("k-beta-45")) == (401, "apikey.invalid")
    assert rule_of(check, keyed("k-beta-4567")) == (401, "apikey.invalid")
    assert rule_of(check, keyed(None)) == (401, "apikey.missing")
    assert rule_of(check, keyed("x" * 5000)) == (401, "apikey.invalid")


def test_api_key_collection_owner_is_a_digest_not_the_key() -> None:
    check = ApiKeyAuth(["only-key"], header="X-Client-Key")
    request = keyed("only-key", "x-client-key")
    check(request)
    owner = request.claims["api_key_owner"]
    assert owner.startswith("key-") and "only-key" not in owner


def test_hashed_keys_never_hold_the_clear_key() -> None:
    check = ApiKeyAuth({hash_api_key("s3cr3t-value"): "svc"}, hashed=True)
    request = keyed("s3cr3t-value")
    check(request)
    assert request.claims["api_key_owner"] == "svc"
    # The digest itself is not a key.
    assert rule_of(check, keyed(hash_api_key("s3cr3t-value"))) == (401, "apikey.invalid")


def test_lookup_callable() -> None:
    check = ApiKeyAuth(lambda key: "svc" if key == "ok" else None)
    check(keyed("ok"))
    assert rule_of(check, keyed("nope")) == (401, "apikey.invalid")


def test_every_key_is_compared(monkeypatch: pytest.MonkeyPatch) -> None:
    import faasguard.guard.auth.apikey as module

    calls: list[int] = []
    real = module.hmac.compare_digest

    def counting(a: bytes, b: bytes) -> bool:
        calls.append(1)
        return real(a, b)

    monkeypatch.setattr(module.hmac, "compare_digest", counting)
    check = ApiKeyAuth({"first": "a", "second": "b", "third": "c"})
    check(keyed("first"))  # a match on the first key still compares the other two
    assert len(calls) == 3


@pytest.mark.parametrize(
    ("keys", "kwargs", "message"),
    [
        ([], {}, "at least one"),
        ("single-string", {}, "not one string"),
        ({"": "owner"}, {}, "empty"),
        (["not-hex"], {"hashed": True}, "hex SHA-256"),
        (["abcd"], {"hashed": True}, "hex SHA-256"),
    ],
)
def test_api_key_misconfiguration(keys: Any, kwargs: dict[str, Any], message: str) -> None:
    with pytest.raises(GuardConfigError, match=message):
        ApiKeyAuth(keys, **kwargs)


ROUTES = {
    ("GET", "/admin/*"): {"scopes": ["admin:read"], "groups": ["admins"]},
    ("POST", "/orders"): {"scopes": ["orders:write"]},
    ("ANY", "/reports/*"): {"roles": ["analyst", "admins"]},
    ("*", "/health"): {},
}


def http(method: str, path: str, claims: dict[str, Any] | None = None, raw: Any = None) -> Request:
    return Request(
        kind=EventKind.API_GATEWAY_HTTP,
        raw=raw if raw is not None else {},
        method=method,
        path=path,
        claims=dict(claims or {}),
    )


ADMIN = {"scope": "admin:read orders:write", "cognito:groups": ["admins"]}


def test_rbac_admits_when_scopes_and_a_group_are_present() -> None:
    check = Rbac(ROUTES)
    check(http("GET", "/admin/users", ADMIN))
    check(http("POST", "/orders", {"scp": ["orders:write"]}))
    check(http("DELETE", "/reports/1", {"roles": "analyst"}))
    check(http("GET", "/health"))


def test_rbac_refusals() -> None:
    check = Rbac(ROUTES)
    no_group = {"scope": "admin:read", "cognito:groups": ["users"]}
    assert rule_of(check, http("GET", "/admin/users", no_group)) == (403, "rbac.group")
    no_scope = {"scope": "orders:read", "cognito:groups": ["admins"]}
    assert rule_of(check, http("GET", "/admin/users", no_scope)) == (403, "rbac.scope")
    assert rule_of(check, http("GET", "/admin/users")) == (401, "rbac.unauthenticated")
    assert rule_of(check, http("GET", "/elsewhere", ADMIN)) == (403, "rbac.unmatched")


@pytest.mark.parametrize(
    "path",
    [
        "/admin",
        "/admin/",
        "//admin/users",
        "/public/../admin/users",
        "/ADMIN/users",
        "/%61dmin/users",
        "/admin/./users",
        "/x/..\\admin/users",
    ],
)
def test_rbac_path_tricks_still_hit_the_protected_route(path: str) -> None:
    check = Rbac(ROUTES, unmatched="allow")
    assert rule_of(check, http("GET", path, {"scope": "x"}))[1] == "rbac.scope"


def test_rbac_unmatched_allow_and_method_specific_routes() -> None:
    check = Rbac(ROUTES, unmatched="allow")
    check(http("GET", "/orders"))  # only POST /orders is protected
    assert rule_of(check, http("post", "/orders", {"scope": "x"}))[1] == "rbac.scope"


def test_rbac_every_matching_route_must_pass() -> None:
    check = Rbac(
        {("*", "/api/*"): {"scopes": ["api"]}, ("GET", "/api/admin/*"): {"groups": ["admins"]}}
    )
    assert rule_of(check, http("GET", "/api/admin/x", {"scope": "api"}))[1] == "rbac.group"
    check(http("GET", "/api/admin/x", {"scope": "api", "groups": ["admins"]}))


def test_rbac_reads_api_gateway_authorizer_claims() -> None:
    check = Rbac(ROUTES)
    http_api = {
        "requestContext": {
            "authorizer": {
                "jwt": {"claims": {"cognito:groups": "[admins users]"}, "scopes": ["admin:read"]}
            }
        }
    }
    check(http("GET", "/admin/x", raw=http_api))
    rest_api = {
        "requestContext": {
            "authorizer": {"claims": {"scope": "admin:read", "cognito:groups": "admins,users"}}
        }
    }
    check(http("GET", "/admin/x", raw=rest_api))


def test_claim_parsing() -> None:
    assert claim_scopes({"scope": "a b", "scp": ["c"]}) == {"a", "b", "c"}
    assert claim_groups({"cognito:groups": "[x y]", "roles": ["z", 3, True]}) == {
        "x",
        "y",
        "z",
        "3",
    }
    assert normalize_path("/a//b/../c/") == "/a/c"
    assert normalize_path("") == "/"


@pytest.mark.parametrize(
    ("routes", "kwargs", "message"),
    [
        ({("GET", "/a"): {"scope": ["x"]}}, {}, "unknown RBAC keys"),
        ({("GET", "/a"): {"scopes": "x"}}, {}, "not one string"),
        ({"GET /a": {}}, {}, "method, path"),
        ({}, {"unmatched": "maybe"}, "unmatched"),
    ],
)
def test_rbac_misconfiguration(routes: Any, kwargs: dict[str, Any], message: str) -> None:
    with pytest.raises(GuardConfigError, match=message):
        Rbac(routes, **kwargs)
