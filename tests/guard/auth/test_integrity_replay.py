"""ReplayProtection: nonces accepted once per ttl, nonce sources, outage policy."""

from __future__ import annotations

import json
from typing import Any

import pytest

from faasguard.guard import EventKind, GuardConfigError, GuardViolation, Request
from faasguard.guard.integrity import (
    ReplayProtection,
    default_nonce,
    nonce_from_json,
    sns_message_id,
)
from faasguard.guard.stores import MemoryStore, StoreError


class Clock:
    def __init__(self) -> None:
        self.now = 5_000.0

    def __call__(self) -> float:
        return self.now


def http(headers: dict[str, str] | None = None, body: Any = None) -> Request:
    raw_body = None if body is None else json.dumps(body).encode()
    return Request(kind=EventKind.API_GATEWAY_HTTP, raw={}, headers=headers or {}, body=raw_body)


def rule_of(check: ReplayProtection, request: Request) -> tuple[int, str]:
    with pytest.raises(GuardViolation) as info:
        check(request)
    return info.value.status, info.value.rule


def test_nonce_accepted_once_until_ttl() -> None:
    clock = Clock()
    check = ReplayProtection(MemoryStore(), ttl=300, clock=clock)
    delivery = {"x-github-delivery": "72d3162e-cc78-11e3-81ab-4c9367dc0958"}
    check(http(delivery))
    assert rule_of(check, http(delivery)) == (403, "replay.seen")
    check(http({"x-github-delivery": "another"}))
    clock.now += 300
    check(http(delivery))


def test_missing_nonce_is_refused() -> None:
    check = ReplayProtection(MemoryStore(), ttl=60)
    assert rule_of(check, http({})) == (403, "replay.nonce_missing")


def test_default_nonce_sources() -> None:
    sns_record = Request(kind=EventKind.SNS, raw={"Sns": {"MessageId": "m-1"}})
    assert default_nonce(sns_record) == "m-1"
    sns_http = http(
        {"x-amz-sns-message-type": "Notification", "x-amz-sns-message-id": "hdr"},
        {"MessageId": "m-2"},
    )
    assert sns_message_id(sns_http) == "m-2"  # the signed body, not the header copy
    assert default_nonce(http({"stripe-signature": "t=1,v1=ab"})) == "stripe-signature:t=1,v1=ab"
    assert default_nonce(http({"x-slack-signature": "v0=cd"})) == "x-slack-signature:v0=cd"
    assert default_nonce(http({"x-nonce": "n"})) == "x-nonce:n"
    assert default_nonce(http({})) is None


def test_nonce_from_header_name_and_json_path() -> None:
    by_header = ReplayProtection(MemoryStore(), ttl=60, nonce_from="X-Request-Nonce")
    by_header(http({"x-request-nonce": "abc"}))
    assert rule_of(by_header, http({"x-request-nonce": "abc"}))[1] == "replay.seen"

    extract = nonce_from_json("data", "id")
    assert extract(http(body={"data": {"id": "evt_1"}})) == "evt_1"
    assert extract(http(body={"data": {"id": 7}})) == "7"
    assert extract(http(body={"data": {"id": True}})) is None
    assert extract(http(body={"data": "flat"})) is None
    by_json = ReplayProtection(MemoryStore(), ttl=60, nonce_from=extract)
    by_json(http(body={"data": {"id": "evt_1"}}))
    assert rule_of(by_json, http(body={"data": {"id": "evt_1"}}))[1] == "replay.seen"


def test_nonces_are_hashed_and_namespaced() -> None:
    seen: list[str] = []

    class Recording(MemoryStore):
        def add_nonce(self, key: str, now: float, ttl: float) -> bool:
            seen.append(key)
            return super().add_nonce(key, now, ttl)

    check = ReplayProtection(Recording(), ttl=60, namespace="hooks")
    check(http({"x-nonce": "secret-ish-value"}))
    assert seen[0].startswith("hooks:") and "secret-ish-value" not in seen[0]


class Down(MemoryStore):
    def add_nonce(self, key: str, now: float, ttl: float) -> bool:
        raise StoreError("redis add_nonce failed: TimeoutError")


def test_store_outage_fails_closed_or_open() -> None:
    closed = ReplayProtection(Down(), ttl=60)
    assert rule_of(closed, http({"x-nonce": "a"})) == (503, "replay.store_unavailable")
    opened = ReplayProtection(Down(), ttl=60, on_store_error="fail-open")
    request = http({"x-nonce": "a"})
    opened(request)
    assert [a.rule for a in request.alerts] == ["replay.store_unavailable"]


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"ttl": 0}, "ttl"),
        ({"ttl": float("nan")}, "ttl"),
        ({"ttl": 1, "on_store_error": "x"}, "on_store_error"),
    ],
)
def test_misconfiguration(kwargs: dict[str, Any], message: str) -> None:
    with pytest.raises(GuardConfigError, match=message):
        ReplayProtection(MemoryStore(), **kwargs)
