"""Payload limits and the time budget."""

from __future__ import annotations

import json
from typing import Any

import pytest

from faasguard.guard import (
    BodyLimit,
    EventKind,
    FieldLimits,
    GuardConfigError,
    GuardViolation,
    Mode,
    Request,
    TimeBudget,
)

from .conftest import FakeContext


def req(body: bytes | None = None, **kw: Any) -> Request:
    return Request(kind=EventKind.API_GATEWAY_HTTP, raw={}, body=body, **kw)


def rule_of(check: Any, request: Request) -> str | None:
    try:
        check(request)
    except GuardViolation as exc:
        return exc.rule
    return None


def test_body_limit_boundary() -> None:
    check = BodyLimit(4)
    assert rule_of(check, req(b"1234")) is None
    assert rule_of(check, req(b"12345")) == "body.too_large"
    assert rule_of(check, req(None)) is None
    with pytest.raises(GuardConfigError):
        BodyLimit(-1)


def test_field_limits_on_json_body() -> None:
    check = FieldLimits(max_string=5, max_depth=3, max_items=3)
    assert rule_of(check, req(b'{"a": ["abcde"]}')) is None
    assert rule_of(check, req(b'{"a": ["abcdef"]}')) == "field.too_long"
    assert rule_of(check, req(b'{"abcdef": 1}')) == "field.too_long"  # keys count too
    assert rule_of(check, req(b'{"a": {"b": {"c": {}}}}')) == "body.too_deep"
    assert rule_of(check, req(b"[1, 2, 3, 4]")) == "body.too_many_items"


def test_field_limits_total_values() -> None:
    check = FieldLimits(max_total=10, max_items=None)
    body = json.dumps([[1, 2, 3]] * 3).encode()  # 1 + 3 + 9 = 13 values
    assert rule_of(check, req(body)) == "body.too_many_items"


def test_field_limits_skip_non_json_body_but_check_other_parts() -> None:
    check = FieldLimits(max_string=3)
    assert rule_of(check, req(b"plain text that is long")) is None
    assert rule_of(check, req(query={"q": ["abcd"]})) == "field.too_long"
    assert rule_of(check, req(headers={"x": "abcd"})) == "field.too_long"
    assert rule_of(check, req(cookies={"c": "abcd"})) == "field.too_long"


def test_field_limits_declared_json_must_parse() -> None:
    check = FieldLimits()
    request = req(b"not json", headers={"content-type": "application/json"})
    assert rule_of(check, request) == "body.json"


def test_field_limits_unknown_part() -> None:
    with pytest.raises(GuardConfigError):
        FieldLimits(parts=["body", "nope"])


def test_time_budget_block() -> None:
    check = TimeBudget(500)
    assert rule_of(check, req(context=FakeContext(remaining_ms=500))) is None
    with pytest.raises(GuardViolation) as info:
        check(req(context=FakeContext(remaining_ms=499)))
    assert (info.value.status, info.value.rule, info.value.retry_after) == (
        503,
        "budget.exhausted",
        1.0,
    )


def test_time_budget_alert_records_without_raising() -> None:
    request = req(context=FakeContext(remaining_ms=10))
    TimeBudget(500, mode=Mode.ALERT)(request)
    assert [a.rule for a in request.alerts] == ["budget.exhausted"]


def test_time_budget_without_context() -> None:
    assert rule_of(TimeBudget(500), req()) is None
    assert rule_of(TimeBudget(500, require_context=True), req()) == "budget.unknown"
