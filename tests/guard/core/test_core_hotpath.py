"""Work the guard must not repeat per request, and the behaviour the shortcuts must keep.

No timings here (those are in benchmarks/guard_overhead.py): these tests count parses and calls,
and check that the faster paths reject and accept exactly what the slower ones did.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
from typing import Any

import pytest

from faasguard.guard import EventKind, GuardViolation, Request, SecurityLogger, guard
from faasguard.guard.responses import REASONS, reject_response

from .conftest import LogSink, rest_event

NOW = 1_700_000_000
SECRET = b"hot-path-test-secret-of-32-bytes!!"


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def _token(header: Any, claims: dict[str, Any] | None = None, *, pad: bool = False) -> str:
    raw = header if isinstance(header, bytes) else json.dumps(header).encode()
    head = base64.urlsafe_b64encode(raw).decode() if pad else _b64(raw)
    body = _b64(json.dumps(claims or {"sub": "u-1", "exp": NOW + 60}).encode())
    signature = hmac.new(SECRET, f"{head}.{body}".encode(), hashlib.sha256).digest()
    return f"{head}.{body}.{_b64(signature)}"


def _jwt_check() -> Any:
    auth = pytest.importorskip("faasguard.guard.auth")
    return auth.JWTAuth(algorithms=["HS256"], key=SECRET, clock=lambda: float(NOW))


def _verify(check: Any, token: str) -> Request:
    request = Request(
        kind=EventKind.API_GATEWAY_HTTP, raw={}, headers={"authorization": f"Bearer {token}"}
    )
    check(request)
    return request


def test_jwt_token_is_parsed_once_per_request(monkeypatch: pytest.MonkeyPatch) -> None:
    check = _jwt_check()
    api_jws = pytest.importorskip("jwt.api_jws")
    loads: list[int] = []
    original = api_jws.PyJWS._load

    def counting(self: Any, jwt: Any) -> Any:
        loads.append(1)
        return original(self, jwt)

    monkeypatch.setattr(api_jws.PyJWS, "_load", counting)
    request = _verify(check, _token({"alg": "HS256", "typ": "JWT"}))
    assert request.claims["sub"] == "u-1"
    assert len(loads) == 1


def test_jwt_header_with_base64_padding_is_still_accepted() -> None:
    # Some issuers (AWS ALB) pad the segments with "="; PyJWT accepts that, so must we.
    token = _token({"alg": "HS256", "typ": "JWT", "kid": "k1"}, pad=True)
    assert token.split(".")[0].endswith("=")
    assert _verify(_jwt_check(), token).claims["sub"] == "u-1"


@pytest.mark.parametrize(
    ("token", "rule"),
    [
        ("!!!!." + _b64(b"{}") + ".c2ln", "jwt.malformed"),  # not base64
        (_b64(b"not json") + "." + _b64(b"{}") + ".c2ln", "jwt.malformed"),
        (_token(b"[1, 2]"), "jwt.malformed"),  # JSON, not an object
        (_token(b"\xff\xfe{}"), "jwt.malformed"),  # not UTF-8
        (_token(b"[" * 5000 + b"]" * 5000), "jwt.malformed"),  # nested past the parser
        (_token({"alg": "HS256", "kid": 7}), "jwt.malformed"),
        (_token({"alg": "none"}), "jwt.alg"),
        (_token({"alg": "RS256"}), "jwt.alg"),
        (_token({"typ": "JWT"}), "jwt.alg"),  # no alg at all
        (_token({"alg": "HS256"})[:-4] + "AAAA", "jwt.signature"),
        (_token({"alg": "HS256"}, {"sub": "u-1", "exp": NOW - 1}), "jwt.expired"),
    ],
)
def test_jwt_header_shortcut_rejects_what_it_must(token: str, rule: str) -> None:
    with pytest.raises(GuardViolation) as info:
        _verify(_jwt_check(), token)
    assert (info.value.status, info.value.rule) == (401, rule)


def test_json_body_is_parsed_once_for_every_check(monkeypatch: pytest.MonkeyPatch) -> None:
    import faasguard.guard._request as request_module

    parsed: list[str] = []
    original = request_module._json.loads

    def counting(text: str) -> Any:
        parsed.append(text)
        return original(text)

    monkeypatch.setattr(request_module._json, "loads", counting)
    seen: list[Any] = []

    def first(request: Request) -> None:
        seen.append(request.json()["a"])

    def second(request: Request) -> None:
        seen.append(request.json()["a"])

    wrapped = guard(first, second, logger=SecurityLogger(LogSink(), environ={}))
    assert wrapped(lambda e, c: "ok")(rest_event('{"a": 1}'), None) == "ok"
    assert seen == [1, 1]
    assert parsed == ['{"a": 1}']


@pytest.mark.parametrize("status", sorted(REASONS))
def test_reject_bodies_are_the_generic_message(status: int) -> None:
    response = reject_response(GuardViolation(status, "x.y", "secret detail"))
    assert json.loads(response.body) == {"message": REASONS[status]}


def test_reject_body_for_a_status_added_at_run_time(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(REASONS, 418, "Teapot")
    violation = GuardViolation(403, "x")
    violation.status = 418  # a status GuardViolation itself would not let through
    assert json.loads(reject_response(violation).body) == {"message": "Teapot"}
