"""HTTP answers and partial batch responses."""

from __future__ import annotations

import json

import pytest

from faasguard.guard import EventKind, GuardViolation
from faasguard.guard.responses import REASONS, batch_response, http_response, reject_response


@pytest.mark.parametrize("status", [400, 401, 403, 413, 415, 429, 503])
def test_generic_body_per_status(status: int) -> None:
    violation = GuardViolation(status, "rule.x", "internal detail")
    neutral = reject_response(violation)
    assert neutral.status == status
    assert json.loads(neutral.body) == {"message": REASONS[status]}
    assert "rule.x" not in neutral.body and "internal" not in neutral.body
    assert neutral.headers["content-type"] == "application/json"
    assert neutral.headers["cache-control"] == "no-store"


def test_unexpected_status_becomes_403() -> None:
    assert GuardViolation(500, "x").status == 403
    assert GuardViolation(200, "x").status == 403


def test_retry_after_rounds_up_and_only_for_429_503() -> None:
    assert reject_response(GuardViolation(429, "x", retry_after=0.1)).headers["retry-after"] == "1"
    assert reject_response(GuardViolation(429, "x", retry_after=30)).headers["retry-after"] == "30"
    assert "retry-after" not in reject_response(GuardViolation(403, "x", retry_after=5)).headers


@pytest.mark.parametrize(
    "kind", [EventKind.API_GATEWAY_REST, EventKind.API_GATEWAY_HTTP, EventKind.FUNCTION_URL]
)
def test_proxy_shapes(kind: EventKind) -> None:
    response = http_response(kind, GuardViolation(401, "x"))
    assert set(response) == {"statusCode", "headers", "body", "isBase64Encoded"}
    assert response["statusCode"] == 401


def test_alb_single_and_multi_value() -> None:
    single = http_response(EventKind.ALB, GuardViolation(429, "x", retry_after=2), {"headers": {}})
    assert single["statusDescription"] == "429 Too Many Requests"
    assert single["headers"]["retry-after"] == "2"
    multi = http_response(EventKind.ALB, GuardViolation(400, "x"), {"multiValueHeaders": {}})
    assert multi["multiValueHeaders"]["content-type"] == ["application/json"]
    assert "headers" not in multi


def test_batch_response_merging() -> None:
    assert batch_response([], "handler result") == "handler result"
    assert batch_response(["a"]) == {"batchItemFailures": [{"itemIdentifier": "a"}]}
    assert batch_response(["a"], "not a dict") == {"batchItemFailures": [{"itemIdentifier": "a"}]}
    merged = batch_response(["b"], {"batchItemFailures": [{"itemIdentifier": "a"}], "x": 1})
    assert merged == {
        "batchItemFailures": [{"itemIdentifier": "a"}, {"itemIdentifier": "b"}],
        "x": 1,
    }
