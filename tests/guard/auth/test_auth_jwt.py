"""JWTAuth with keys made in the test: every family, alg confusion, none, time and claim checks."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
from typing import Any

import pytest

from faasguard.guard import EventKind, GuardConfigError, GuardViolation, Request
from faasguard.guard.auth import JWKSClient, JWTAuth
from tests.guard.auth.keys import HS_SECRET, ec_pair, ed_pair, jwk, rsa_pair, token

NOW = 1_700_000_000


def clock() -> float:
    return float(NOW)


def claims(**extra: Any) -> dict[str, Any]:
    return {"sub": "user-1", "iat": NOW - 10, "exp": NOW + 300, **extra}


def req(tok: str | None) -> Request:
    headers = {} if tok is None else {"authorization": f"Bearer {tok}"}
    return Request(kind=EventKind.API_GATEWAY_HTTP, raw={}, headers=headers)


def rejected(check: JWTAuth, tok: str | None) -> tuple[int, str]:
    with pytest.raises(GuardViolation) as info:
        check(req(tok))
    return info.value.status, info.value.rule


@pytest.mark.parametrize(
    ("alg", "pair"),
    [
        ("RS256", rsa_pair),
        ("PS256", rsa_pair),
        ("ES256", ec_pair),
        ("EdDSA", ed_pair),
    ],
)
def test_each_asymmetric_family_verifies_and_fills_claims(alg: str, pair: Any) -> None:
    keys = pair()
    check = JWTAuth(algorithms=[alg], key=keys.public_pem, clock=clock)
    request = req(token(keys.private, alg, claims(scope="read")))
    check(request)
    assert request.claims["sub"] == "user-1"
    assert request.claims["scope"] == "read"


def test_hs_with_explicit_secret() -> None:
    check = JWTAuth(algorithms=["HS256"], key=HS_SECRET, clock=clock)
    request = req(token(HS_SECRET, "HS256", claims()))
    check(request)
    assert request.claims["sub"] == "user-1"
    other = b"another-secret-of-at-least-32-bytes!!"
    assert rejected(check, token(other, "HS256", claims())) == (401, "jwt.signature")


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def _hand_made(header: dict[str, Any], payload: dict[str, Any], key: bytes | None) -> str:
    signing_input = f"{_b64(json.dumps(header).encode())}.{_b64(json.dumps(payload).encode())}"
    sig = b"" if key is None else hmac.new(key, signing_input.encode(), hashlib.sha256).digest()
    return f"{signing_input}.{_b64(sig)}"


def test_alg_confusion_public_key_as_hmac_secret_is_refused() -> None:
    keys = rsa_pair()
    check = JWTAuth(algorithms=["RS256"], key=keys.public_pem, clock=clock)
    forged = _hand_made({"alg": "HS256", "typ": "JWT"}, claims(), keys.public_pem)
    assert rejected(check, forged) == (401, "jwt.alg")


def test_alg_none_is_refused() -> None:
    check = JWTAuth(algorithms=["RS256"], key=rsa_pair().public_pem, clock=clock)
    unsigned = _hand_made({"alg": "none", "typ": "JWT"}, claims(), None)
    assert rejected(check, unsigned) == (401, "jwt.alg")
    assert rejected(check, unsigned.rstrip(".") + ".") == (401, "jwt.alg")


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"algorithms": ["none"], "key": HS_SECRET}, "refused"),
        ({"algorithms": [], "key": HS_SECRET}, "non-empty"),
        ({"algorithms": "RS256", "key": HS_SECRET}, "non-empty"),
        ({"algorithms": ["RS256", "HS256"], "key": HS_SECRET}, "mixed"),
        ({"algorithms": ["HS256"], "key": b"short"}, "shorter"),
        ({"algorithms": ["RS256"]}, "exactly one"),
    ],
)
def test_unsafe_configuration_is_refused(kwargs: dict[str, Any], message: str) -> None:
    with pytest.raises(GuardConfigError, match=message):
        JWTAuth(**kwargs)


def test_public_key_as_hs_secret_is_refused_at_configuration() -> None:
    with pytest.raises(GuardConfigError, match="confusion"):
        JWTAuth(algorithms=["HS256"], key=rsa_pair().public_pem)


def test_hs_with_jwks_is_refused() -> None:
    jwks = JWKSClient.from_dict({"keys": [jwk(rsa_pair().public, "k1")]})
    with pytest.raises(GuardConfigError, match="explicit secret"):
        JWTAuth(algorithms=["HS256"], jwks=jwks)


def test_private_key_is_refused() -> None:
    with pytest.raises(GuardConfigError, match="private"):
        JWTAuth(algorithms=["EdDSA"], key=ed_pair().private)


@pytest.mark.parametrize(
    ("alg", "key"),
    [("RS256", lambda: ec_pair().public), ("ES256", lambda: ec_pair("P-384").public)],
)
def test_key_that_cannot_serve_the_algorithm_is_refused(alg: str, key: Any) -> None:
    with pytest.raises(GuardConfigError, match=f"cannot verify {alg}"):
        JWTAuth(algorithms=[alg], key=key())


def test_token_signed_by_another_key_is_refused() -> None:
    from cryptography.hazmat.primitives.asymmetric import ec

    check = JWTAuth(algorithms=["ES256"], key=ec_pair().public, clock=clock)
    other = ec.generate_private_key(ec.SECP256R1())  # same curve, another key
    assert rejected(check, token(other, "ES256", claims())) == (401, "jwt.signature")


def test_tampered_payload_is_refused() -> None:
    keys = rsa_pair()
    check = JWTAuth(algorithms=["RS256"], key=keys.public, clock=clock)
    head, _, sig = token(keys.private, "RS256", claims()).split(".")
    evil = _b64(json.dumps(claims(sub="admin")).encode())
    assert rejected(check, f"{head}.{evil}.{sig}") == (401, "jwt.signature")


@pytest.mark.parametrize(
    ("payload", "leeway", "rule"),
    [
        (claims(exp=NOW - 1), 0, "jwt.expired"),
        (claims(nbf=NOW + 60), 0, "jwt.not_yet_valid"),
        (claims(iat=NOW + 60), 0, "jwt.not_yet_valid"),
        ({"sub": "x"}, 0, "jwt.claims"),  # exp is required
        (claims(exp="tomorrow"), 0, "jwt.claims"),
    ],
)
def test_time_claims(payload: dict[str, Any], leeway: float, rule: str) -> None:
    check = JWTAuth(algorithms=["HS256"], key=HS_SECRET, leeway=leeway, clock=clock)
    assert rejected(check, token(HS_SECRET, "HS256", payload))[1] == rule


def test_leeway_admits_small_skew_only() -> None:
    check = JWTAuth(algorithms=["HS256"], key=HS_SECRET, leeway=30, clock=clock)
    check(req(token(HS_SECRET, "HS256", claims(exp=NOW - 30, nbf=NOW + 30))))
    assert rejected(check, token(HS_SECRET, "HS256", claims(exp=NOW - 31)))[1] == "jwt.expired"


def test_issuer_and_audience() -> None:
    check = JWTAuth(
        algorithms=["HS256"],
        key=HS_SECRET,
        issuer=["https://a.example", "https://b.example"],
        audience="api",
        clock=clock,
    )
    good = claims(iss="https://b.example", aud=["web", "api"])
    check(req(token(HS_SECRET, "HS256", good)))
    bad_iss = claims(iss="https://evil.example", aud="api")
    assert rejected(check, token(HS_SECRET, "HS256", bad_iss))[1] == "jwt.issuer"
    bad_aud = claims(iss="https://a.example", aud="other")
    assert rejected(check, token(HS_SECRET, "HS256", bad_aud))[1] == "jwt.audience"
    no_iss = claims(aud="api")
    assert rejected(check, token(HS_SECRET, "HS256", no_iss))[1] == "jwt.claims"


def test_token_with_audience_needs_a_configured_audience() -> None:
    check = JWTAuth(algorithms=["HS256"], key=HS_SECRET, clock=clock)
    assert rejected(check, token(HS_SECRET, "HS256", claims(aud="api")))[1] == "jwt.audience"


def test_expected_claims() -> None:
    check = JWTAuth(
        algorithms=["HS256"],
        key=HS_SECRET,
        expected_claims={"token_use": "access", "tenant": ["a", "b"]},
        clock=clock,
    )
    check(req(token(HS_SECRET, "HS256", claims(token_use="access", tenant="b"))))
    wrong = claims(token_use="id", tenant="a")
    assert rejected(check, token(HS_SECRET, "HS256", wrong))[1] == "jwt.claims"


@pytest.mark.parametrize(
    ("header_value", "rule"),
    [
        (None, "jwt.missing"),
        ("Basic dXNlcjpwYXNz", "jwt.missing"),
        ("Bearer ", "jwt.missing"),
        ("Bearer not-a-token", "jwt.malformed"),
        ("Bearer a.b.c", "jwt.malformed"),
        ("Bearer " + "a" * 20_000 + ".b.c", "jwt.malformed"),
    ],
)
def test_missing_and_malformed_tokens(header_value: str | None, rule: str) -> None:
    check = JWTAuth(algorithms=["HS256"], key=HS_SECRET, clock=clock)
    headers = {} if header_value is None else {"authorization": header_value}
    with pytest.raises(GuardViolation) as info:
        check(Request(kind=EventKind.API_GATEWAY_HTTP, raw={}, headers=headers))
    assert (info.value.status, info.value.rule) == (401, rule)


def test_custom_token_source() -> None:
    check = JWTAuth(
        algorithms=["HS256"],
        key=HS_SECRET,
        token_from=lambda request: request.cookies.get("session"),
        clock=clock,
    )
    request = Request(
        kind=EventKind.API_GATEWAY_HTTP,
        raw={},
        cookies={"session": token(HS_SECRET, "HS256", claims())},
    )
    check(request)
    assert request.claims["sub"] == "user-1"


def test_key_given_as_public_jwk() -> None:
    keys = rsa_pair()
    check = JWTAuth(algorithms=["RS256"], key=jwk(keys.public, "k1"), clock=clock)
    check(req(token(keys.private, "RS256", claims())))
