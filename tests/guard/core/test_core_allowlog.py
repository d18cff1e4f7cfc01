"""Allowed requests are counted, not logged one by one; blocks and alerts keep their full line."""

from __future__ import annotations

import threading
from typing import Any

import pytest

from faasguard.guard import (
    AllowLog,
    EventKind,
    GuardConfigError,
    GuardViolation,
    Outcome,
    Request,
    SecurityLogger,
    guard,
)

from .conftest import FakeClock, FakeContext, LogSink, rest_event


def _request(function: str = "orders") -> Request:
    return Request(
        kind=EventKind.API_GATEWAY_REST,
        raw={},
        request_id="r-1",
        source_ip="198.51.100.1",
        context=FakeContext(function_name=function),
    )


def test_allowed_requests_are_counted_until_the_window_ends(
    sink: LogSink, clock: FakeClock
) -> None:
    logger = SecurityLogger(sink, clock=clock, environ={}, flush_seconds=60)
    for _ in range(3):
        logger.decision(_request(), Outcome.ALLOW, "guard.allow")
        clock.advance(10)
    assert sink.lines == []
    assert logger.pending_allowed == 3
    clock.advance(30)  # 60 s after the first allowed request
    logger.decision(_request(), Outcome.ALLOW, "guard.allow")
    (record,) = sink.records
    assert (record["outcome"], record["rule"], record["count"]) == ("allow", "guard.allow", 4)
    assert record["function"] == "orders"
    assert record["since"] == "2023-11-14T22:13:20.000Z"  # when counting began
    assert record["timestamp"] == "2023-11-14T22:14:20.000Z"
    assert record["request_id"] is None and record["source_ip"] is None  # no one caller
    assert record["Allowed"] == 4  # the EMF metric carries the count
    directive = record["_aws"]["CloudWatchMetrics"][0]
    assert directive["Metrics"] == [{"Name": "Allowed", "Unit": "Count"}]
    assert logger.pending_allowed == 0


def test_counts_are_kept_per_function_and_rule(sink: LogSink, clock: FakeClock) -> None:
    logger = SecurityLogger(sink, clock=clock, environ={}, emf=False)
    logger.decision(_request("a"), Outcome.ALLOW, "guard.allow")
    logger.decision(_request("b"), Outcome.ALLOW, "guard.allow")
    logger.decision(_request("a"), Outcome.ALLOW, "guard.allow")
    logger.decision(None, Outcome.ALLOW, "app.ok")
    assert logger.flush() == 4
    counts = {(r["function"], r["rule"]): r["count"] for r in sink.records}
    assert counts == {("a", "guard.allow"): 2, ("b", "guard.allow"): 1, ("unknown", "app.ok"): 1}
    assert all("_aws" not in r and "Allowed" not in r for r in sink.records)
    assert logger.flush() == 0  # nothing left: nothing written
    assert len(sink.lines) == 3


def test_blocks_and_alerts_are_written_at_once_and_flush_old_counts(
    sink: LogSink, clock: FakeClock
) -> None:
    logger = SecurityLogger(sink, clock=clock, environ={}, flush_seconds=60)
    logger.decision(_request(), Outcome.ALLOW, "guard.allow")
    logger.decision(_request(), Outcome.ALERT, "detect.sqli", status=400, detail="union")
    assert sink.rules() == ["detect.sqli"]
    alert = sink.records[0]
    assert (alert["request_id"], alert["source_ip"], alert["detail"]) == (
        "r-1",
        "198.51.100.1",
        "union",
    )
    clock.advance(61)
    logger.decision(_request(), Outcome.BLOCK, "jwt.expired", status=401)
    assert [(r["outcome"], r["rule"]) for r in sink.records] == [
        ("alert", "detect.sqli"),
        ("block", "jwt.expired"),
        ("allow", "guard.allow"),
    ]
    assert sink.records[2]["count"] == 1


@pytest.mark.parametrize(
    ("setting", "lines", "pending"),
    [
        (AllowLog.OFF, 0, 0),
        (False, 0, 0),
        (AllowLog.EACH, 2, 0),
        (True, 2, 0),
        (AllowLog.COUNT, 0, 2),
    ],
)
def test_log_allowed_settings(sink: LogSink, setting: Any, lines: int, pending: int) -> None:
    logger = SecurityLogger(sink, environ={}, log_allowed=setting)
    logger.decision(_request(), Outcome.ALLOW, "guard.allow")
    logger.decision(_request(), Outcome.ALLOW, "guard.allow")
    assert len(sink.lines) == lines
    assert logger.pending_allowed == pending
    if lines:
        assert all(r["request_id"] == "r-1" and "count" not in r for r in sink.records)


def test_flush_seconds_zero_writes_every_count(sink: LogSink, clock: FakeClock) -> None:
    logger = SecurityLogger(sink, clock=clock, environ={}, flush_seconds=0)
    logger.decision(_request(), Outcome.ALLOW, "guard.allow")
    logger.decision(_request(), Outcome.ALLOW, "guard.allow")
    assert [r["count"] for r in sink.records] == [1, 1]


def test_negative_flush_seconds_is_a_config_error() -> None:
    with pytest.raises(GuardConfigError):
        SecurityLogger(environ={}, flush_seconds=-1)


def test_counting_is_exact_across_threads(sink: LogSink) -> None:
    logger = SecurityLogger(sink, environ={}, flush_seconds=3600)

    def work() -> None:
        for _ in range(2000):
            logger.decision(None, Outcome.ALLOW, "guard.allow")

    threads = [threading.Thread(target=work) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert logger.flush() == 8000
    assert sink.records[0]["count"] == 8000


def test_decorator_with_default_logger_writes_only_the_block(
    sink: LogSink, clock: FakeClock
) -> None:
    logger = SecurityLogger(sink, clock=clock, environ={}, flush_seconds=60)

    def deny_evil(request: Request) -> None:
        if request.body and b"evil" in request.body:
            raise GuardViolation(400, "test.word", "found evil")

    wrapped = guard(deny_evil, logger=logger)(lambda event, context: "ok")
    assert [wrapped(rest_event("fine"), FakeContext()) for _ in range(3)] == ["ok"] * 3
    assert wrapped(rest_event("evil"), FakeContext())["statusCode"] == 400
    (block,) = sink.records
    assert (block["outcome"], block["rule"], block["check"]) == ("block", "test.word", "deny_evil")
    assert (block["request_id"], block["source_ip"]) == ("req-1", "203.0.113.7")
    assert block["detail"] == "found evil"
    clock.advance(60)
    assert wrapped(rest_event("fine"), FakeContext()) == "ok"
    allow = sink.records[-1]
    assert (allow["outcome"], allow["count"], allow["function"]) == ("allow", 4, "orders")


def test_alerts_of_several_checks_are_each_logged_once(
    logger: SecurityLogger, sink: LogSink
) -> None:
    def first(request: Request) -> None:
        request.alert(GuardViolation(400, "a.one"))

    def quiet(request: Request) -> None:
        return None

    def second(request: Request) -> None:
        request.alert(GuardViolation(400, "b.two"))
        request.alert(GuardViolation(400, "b.three"))

    def deny(request: Request) -> None:
        raise GuardViolation(403, "c.deny")

    guard(first, quiet, second, logger=logger)(lambda e, c: "ok")(rest_event(), None)
    assert [(r["outcome"], r["rule"], r["check"]) for r in sink.records] == [
        ("alert", "a.one", "first"),
        ("alert", "b.two", "second"),
        ("alert", "b.three", "second"),
        ("allow", "guard.allow", None),
    ]
    sink.lines.clear()
    guard(first, deny, logger=logger)(lambda e, c: "ok")(rest_event(), None)
    assert [(r["outcome"], r["rule"]) for r in sink.records] == [
        ("alert", "a.one"),
        ("block", "c.deny"),
    ]


def test_log_allowed_can_be_changed_later(sink: LogSink) -> None:
    logger = SecurityLogger(sink, environ={})
    assert logger.log_allowed is AllowLog.COUNT
    logger.log_allowed = True
    assert logger.log_allowed is AllowLog.EACH
    logger.decision(_request(), Outcome.ALLOW, "guard.allow")
    logger.log_allowed = AllowLog.OFF
    logger.decision(_request(), Outcome.ALLOW, "guard.allow")
    assert len(sink.lines) == 1 and logger.pending_allowed == 0
    with pytest.raises(GuardConfigError):
        logger.log_allowed = "each"  # type: ignore[assignment]
    with pytest.raises(GuardConfigError):
        SecurityLogger(environ={}, log_allowed="count")  # type: ignore[arg-type]
