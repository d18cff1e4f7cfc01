"""guard-auth checks inside guard-core's decorator: statuses, Retry-After, logs, fail-open."""

from __future__ import annotations

import hashlib
import hmac
import json
from typing import Any

from faasguard.guard import SecurityLogger, guard
from faasguard.guard.auth import ApiKeyAuth
from faasguard.guard.integrity import HmacSignature, ReplayProtection
from faasguard.guard.ratelimit import RateLimit
from faasguard.guard.stores import MemoryStore, StoreError

SECRET = "hook-secret"
NOW = 1_700_000_000.0


def event(body: str, *, signature: str | None = None, delivery: str = "d-1") -> dict[str, Any]:
    headers = {"content-type": "application/json", "x-github-delivery": delivery}
    if signature is not None:
        headers["x-hub-signature-256"] = signature
    return {
        "version": "2.0",
        "routeKey": "POST /hook",
        "rawPath": "/hook",
        "headers": headers,
        "requestContext": {
            "http": {"method": "POST", "path": "/hook", "sourceIp": "203.0.113.9"},
            "requestId": "r-1",
        },
        "body": body,
        "isBase64Encoded": False,
    }


def sign(body: str) -> str:
    return "sha256=" + hmac.new(SECRET.encode(), body.encode(), hashlib.sha256).hexdigest()


def build(lines: list[str], **limit: Any) -> Any:
    store = MemoryStore()
    checks = [
        HmacSignature(SECRET),
        ReplayProtection(store, ttl=600, clock=lambda: NOW),
        RateLimit(2, 60, store=limit.pop("store", store), clock=lambda: NOW, **limit),
    ]

    @guard(*checks, logger=SecurityLogger(lines.append, clock=lambda: NOW, emf=False))
    def handler(event: dict[str, Any], context: Any) -> dict[str, Any]:
        return {"statusCode": 200, "body": "ok"}

    return handler


def rules(lines: list[str]) -> list[tuple[str | None, str | None]]:
    out = []
    for line in lines:
        record = json.loads(line)
        out.append((record.get("rule"), record.get("outcome")))
    return out


def test_chain_answers_200_401_403_429() -> None:
    lines: list[str] = []
    handler = build(lines)
    body = '{"ref": "main"}'
    assert handler(event(body, signature=sign(body), delivery="a"), None)["statusCode"] == 200
    unsigned = handler(event(body, signature=sign("other"), delivery="b"), None)
    assert unsigned["statusCode"] == 401
    replay = handler(event(body, signature=sign(body), delivery="a"), None)
    assert replay["statusCode"] == 403
    assert handler(event(body, signature=sign(body), delivery="c"), None)["statusCode"] == 200
    limited = handler(event(body, signature=sign(body), delivery="d"), None)
    assert limited["statusCode"] == 429
    headers = {k.lower(): v for k, v in limited.get("headers", {}).items()}
    assert headers["retry-after"] == "40"  # NOW is 20 s into its 60 s window
    assert "ratelimit" not in limited["body"]  # nothing internal leaks
    logged = rules(lines)
    for rule in ("hmac.mismatch", "replay.seen", "ratelimit.exceeded"):
        assert (rule, "block") in logged


class Down(MemoryStore):
    def fixed_window(self, key: str, now: float, window: float, limit: int) -> Any:
        raise StoreError("redis fixed_window failed: ConnectionError")


def test_fail_open_outage_passes_and_is_logged() -> None:
    lines: list[str] = []
    handler = build(lines, store=Down(), on_store_error="fail-open")
    body = "{}"
    assert handler(event(body, signature=sign(body)), None)["statusCode"] == 200
    assert ("ratelimit.store_unavailable", "alert") in rules(lines)


def test_fail_closed_outage_answers_429() -> None:
    handler = build([], store=Down())
    body = "{}"
    assert handler(event(body, signature=sign(body)), None)["statusCode"] == 429


def test_api_key_owner_reaches_the_rate_limit_key() -> None:
    lines: list[str] = []
    store = MemoryStore()

    @guard(
        ApiKeyAuth({"key-a": "alice", "key-b": "bob"}),
        RateLimit(
            1, 60, key=lambda r: r.claims.get("api_key_owner"), store=store, clock=lambda: NOW
        ),
        logger=SecurityLogger(lines.append, emf=False),
    )
    def handler(event: dict[str, Any], context: Any) -> dict[str, Any]:
        return {"statusCode": 200, "body": "ok"}

    def call(key: str) -> int:
        evt = event("{}")
        evt["headers"]["x-api-key"] = key
        return int(handler(evt, None)["statusCode"])

    assert [call("key-a"), call("key-a"), call("key-b"), call("nope")] == [200, 429, 200, 401]
