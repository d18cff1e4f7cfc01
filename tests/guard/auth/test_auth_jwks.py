"""JWKS cache: TTL, rotation refetch, refetch spacing, stale serving, offline sets; Cognito."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from faasguard.guard import EventKind, GuardConfigError, GuardViolation, Request
from faasguard.guard.auth import JWKSClient, JWKSUnavailable, UnknownKey, cognito_jwt
from faasguard.guard.auth.jwt_auth import JWTAuth
from tests.guard.auth.keys import HS_SECRET, ec_pair, ed_pair, jwk, rsa_pair, token

NOW = 1_700_000_000
URL = "https://idp.example/.well-known/jwks.json"


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


class FakeFetcher:
    """Serves whatever document is current; counts calls; can be made to fail."""

    def __init__(self, document: dict[str, Any]) -> None:
        self.document = document
        self.urls: list[str] = []
        self.down = False

    def __call__(self, url: str) -> bytes:
        self.urls.append(url)
        if self.down:
            raise OSError("connection refused")
        return json.dumps(self.document).encode()


def claims(**extra: Any) -> dict[str, Any]:
    return {"sub": "u", "exp": NOW + 60, **extra}


def req(tok: str) -> Request:
    return Request(
        kind=EventKind.API_GATEWAY_REST, raw={}, headers={"authorization": f"Bearer {tok}"}
    )


def test_keys_are_fetched_once_and_cached_for_ttl() -> None:
    fetcher = FakeFetcher({"keys": [jwk(rsa_pair().public, "k1")]})
    clock = Clock()
    client = JWKSClient(URL, fetcher=fetcher, ttl=600, clock=clock)
    first = client.get_key("k1", "RS256")
    assert client.get_key("k1", "RS256") is first
    assert fetcher.urls == [URL]
    clock.now = 600.0
    client.get_key("k1", "RS256")
    assert len(fetcher.urls) == 2


def test_unknown_kid_refetches_once_for_rotation_then_is_spaced() -> None:
    old, new = rsa_pair(), ec_pair()
    fetcher = FakeFetcher({"keys": [jwk(old.public, "old")]})
    clock = Clock()
    client = JWKSClient(URL, fetcher=fetcher, min_refetch_interval=60, clock=clock)
    client.get_key("old", "RS256")
    clock.now = 61.0
    fetcher.document = {"keys": [jwk(old.public, "old"), jwk(new.public, "new")]}
    assert client.get_key("new", "ES256") is not None  # rotation picked up
    assert len(fetcher.urls) == 2
    for _ in range(5):  # a flood of made-up kids costs no fetch within the interval
        with pytest.raises(UnknownKey):
            client.get_key("made-up", "RS256")
    assert len(fetcher.urls) == 2
    clock.now = 122.0
    with pytest.raises(UnknownKey):
        client.get_key("made-up", "RS256")
    assert len(fetcher.urls) == 3


def test_stale_keys_serve_during_an_outage_then_expire() -> None:
    fetcher = FakeFetcher({"keys": [jwk(rsa_pair().public, "k1")]})
    clock = Clock()
    client = JWKSClient(
        URL, fetcher=fetcher, ttl=100, min_refetch_interval=10, max_stale=1000, clock=clock
    )
    client.get_key("k1", "RS256")
    fetcher.down = True
    clock.now = 500.0
    assert client.get_key("k1", "RS256") is not None  # stale but usable
    clock.now = 1100.0
    with pytest.raises(JWKSUnavailable):
        client.get_key("k1", "RS256")
    attempts = len(fetcher.urls)
    with pytest.raises(JWKSUnavailable):  # spaced: no new fetch right away
        client.get_key("k1", "RS256")
    assert len(fetcher.urls) == attempts


def test_first_fetch_failure_answers_503_through_jwtauth() -> None:
    fetcher = FakeFetcher({"keys": []})
    fetcher.down = True
    check = JWTAuth(algorithms=["RS256"], jwks=JWKSClient(URL, fetcher=fetcher), clock=lambda: NOW)
    with pytest.raises(GuardViolation) as info:
        check(req(token(rsa_pair().private, "RS256", claims(), kid="k1")))
    assert (info.value.status, info.value.rule) == (503, "jwt.jwks_unavailable")


def test_key_selection_by_kid_type_curve_and_declared_alg() -> None:
    rsa_key, ec_key, ed_key = rsa_pair(), ec_pair(), ed_pair()
    client = JWKSClient.from_dict(
        {
            "keys": [
                jwk(rsa_key.public, "r", alg="RS256"),
                jwk(ec_key.public, "e"),
                jwk(ed_key.public, "d"),
                {"kty": "oct", "kid": "sym", "k": "c2VjcmV0"},
                jwk(rsa_key.public, "enc", use="enc"),
                {"kty": "RSA", "kid": "broken", "n": "!!", "e": "AQAB"},
            ]
        }
    )
    assert client.get_key("r", "RS256") is not None
    assert client.get_key("e", "ES256") is not None
    assert client.get_key("d", "EdDSA") is not None
    for kid, alg in [("r", "PS256"), ("e", "ES384"), ("e", "RS256"), ("sym", "HS256")]:
        with pytest.raises(UnknownKey):
            client.get_key(kid, alg)
    with pytest.raises(UnknownKey):
        client.get_key("enc", "RS256")


def test_token_without_kid_needs_an_unambiguous_set() -> None:
    one = JWKSClient.from_dict({"keys": [jwk(rsa_pair().public, "a")]})
    assert one.get_key(None, "RS256") is not None
    two = JWKSClient.from_dict({"keys": [jwk(rsa_pair().public, "a"), jwk(rsa_pair().public, "b")]})
    with pytest.raises(UnknownKey):
        two.get_key(None, "RS256")


def test_offline_set_from_file_never_fetches(tmp_path: Path) -> None:
    keys = rsa_pair()
    path = tmp_path / "jwks.json"
    path.write_text(json.dumps({"keys": [jwk(keys.public, "k1")]}))
    check = JWTAuth(algorithms=["RS256"], jwks=JWKSClient.from_file(path), clock=lambda: NOW)
    request = req(token(keys.private, "RS256", claims(), kid="k1"))
    check(request)
    assert request.claims["sub"] == "u"
    with pytest.raises(GuardViolation) as info:
        check(req(token(keys.private, "RS256", claims(), kid="other")))
    assert info.value.rule == "jwt.kid"


def test_hs_token_naming_a_jwks_key_is_refused() -> None:
    keys = rsa_pair()
    check = JWTAuth(
        algorithms=["RS256"],
        jwks=JWKSClient.from_dict({"keys": [jwk(keys.public, "k1")]}),
        clock=lambda: NOW,
    )
    forged = token(HS_SECRET, "HS256", claims(), kid="k1")
    with pytest.raises(GuardViolation) as info:
        check(req(forged))
    assert info.value.rule == "jwt.alg"


def test_empty_offline_set_is_a_configuration_error() -> None:
    from faasguard.guard.auth import JWKSError

    with pytest.raises(JWKSError):
        JWKSClient.from_dict({"keys": [{"kty": "oct", "k": "c2VjcmV0"}]})


POOL = "eu-west-1_AbCdEf"
ISSUER = f"https://cognito-idp.eu-west-1.amazonaws.com/{POOL}"


def _cognito_fetcher() -> FakeFetcher:
    return FakeFetcher({"keys": [jwk(rsa_pair().public, "c1", alg="RS256", use="sig")]})


def test_cognito_access_token() -> None:
    fetcher = _cognito_fetcher()
    check = cognito_jwt(POOL, client_id="app", fetcher=fetcher, clock=lambda: NOW)
    good = claims(iss=ISSUER, token_use="access", client_id="app", scope="orders/read")
    request = req(token(rsa_pair().private, "RS256", good, kid="c1"))
    check(request)
    assert fetcher.urls == [f"{ISSUER}/.well-known/jwks.json"]
    assert request.claims["scope"] == "orders/read"
    for bad in (
        claims(iss=ISSUER, token_use="id", client_id="app"),
        claims(iss=ISSUER, token_use="access", client_id="other-app"),
        claims(
            iss="https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_Other",
            token_use="access",
            client_id="app",
        ),
    ):
        with pytest.raises(GuardViolation) as info:
            check(req(token(rsa_pair().private, "RS256", bad, kid="c1")))
        assert info.value.rule in ("jwt.claims", "jwt.issuer")


def test_cognito_id_token_checks_audience() -> None:
    check = cognito_jwt(
        POOL,
        "eu-west-1",
        client_id="app",
        token_use="id",
        fetcher=_cognito_fetcher(),
        clock=lambda: NOW,
    )
    good = claims(iss=ISSUER, token_use="id", aud="app")
    check(req(token(rsa_pair().private, "RS256", good, kid="c1")))
    bad = claims(iss=ISSUER, token_use="id", aud="someone-else")
    with pytest.raises(GuardViolation) as info:
        check(req(token(rsa_pair().private, "RS256", bad, kid="c1")))
    assert info.value.rule == "jwt.audience"


@pytest.mark.parametrize(
    ("args", "kwargs", "message"),
    [
        ((POOL,), {"token_use": "refresh"}, "token_use"),
        ((POOL,), {"token_use": "id"}, "client_id"),
        (("nopool",), {}, "user pool id"),
    ],
)
def test_cognito_misconfiguration(
    args: tuple[str, ...], kwargs: dict[str, Any], message: str
) -> None:
    with pytest.raises(GuardConfigError, match=message):
        cognito_jwt(*args, **kwargs)
