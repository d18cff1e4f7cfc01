"""Security log lines: fields, redaction by name and pattern, EMF, robustness."""

from __future__ import annotations

import json

import pytest

from faasguard.guard import (
    AllowLog,
    EventKind,
    Outcome,
    Redactor,
    Request,
    SecurityLogger,
    redact,
)

from .conftest import FakeClock, FakeContext, LogSink


def test_decision_line_fields(sink: LogSink, clock: FakeClock) -> None:
    clock.now = 1_700_000_000.25
    logger = SecurityLogger(sink, clock=clock, environ={"AWS_LAMBDA_FUNCTION_NAME": "fn"})
    request = Request(
        kind=EventKind.API_GATEWAY_HTTP,
        raw={},
        request_id="r-1",
        source_ip="198.51.100.1",
        principal="user-7",
    )
    logger.decision(request, Outcome.BLOCK, "jwt.expired", status=401, check="jwt", detail="exp")
    (line,) = sink.lines
    assert "\n" not in line
    record = json.loads(line)
    assert record["timestamp"] == "2023-11-14T22:13:20.250Z"
    assert record["function"] == "fn"
    assert record["request_id"] == "r-1"
    assert record["event_kind"] == "api-gateway-http"
    assert (record["rule"], record["outcome"], record["status"]) == ("jwt.expired", "block", 401)
    assert (record["source_ip"], record["principal"]) == ("198.51.100.1", "user-7")


def test_function_name_from_context_first(sink: LogSink) -> None:
    logger = SecurityLogger(
        sink, environ={"AWS_LAMBDA_FUNCTION_NAME": "env"}, log_allowed=AllowLog.EACH
    )
    request = Request(kind=EventKind.SQS, raw={}, context=FakeContext(function_name="ctx"))
    logger.decision(request, Outcome.ALLOW, "guard.allow")
    logger.decision(None, Outcome.ALERT, "behaviour.write")
    assert [r["function"] for r in sink.records] == ["ctx", "env"]


def test_emf_block_counts_by_outcome(sink: LogSink, clock: FakeClock) -> None:
    logger = SecurityLogger(sink, clock=clock, environ={}, namespace="ns")
    logger.decision(None, Outcome.BLOCK, "detect.xss")
    record = sink.records[0]
    assert record["Blocked"] == 1
    assert "Allowed" not in record
    directive = record["_aws"]["CloudWatchMetrics"][0]
    assert directive["Namespace"] == "ns"
    assert directive["Metrics"] == [{"Name": "Blocked", "Unit": "Count"}]
    # every dimension named must be a top-level member
    for dims in directive["Dimensions"]:
        for dim in dims:
            assert isinstance(record[dim], str)
    assert record["_aws"]["Timestamp"] == int(clock.now * 1000)


def test_emf_off_and_allow_not_logged(sink: LogSink) -> None:
    logger = SecurityLogger(sink, environ={}, emf=False, log_allowed=False)
    logger.decision(None, Outcome.ALLOW, "guard.allow")
    logger.decision(None, Outcome.ALERT, "x")
    (record,) = sink.records
    assert "_aws" not in record and record["rule"] == "x"


def test_failing_writer_does_not_raise() -> None:
    def broken(line: str) -> None:
        raise OSError("disk full")

    logger = SecurityLogger(broken, environ={})
    logger.decision(None, Outcome.BLOCK, "x")
    assert logger.dropped == 1


def test_default_writer_is_stdout(capsys: pytest.CaptureFixture[str]) -> None:
    SecurityLogger(environ={}).decision(None, Outcome.ALERT, "x")
    assert json.loads(capsys.readouterr().out)["rule"] == "x"


def test_detail_and_extra_are_redacted(sink: LogSink) -> None:
    logger = SecurityLogger(sink, environ={})
    logger.decision(
        None,
        Outcome.BLOCK,
        "x",
        detail="Authorization: Bearer abcdefghijkl",
        extra={"api_key": "k-123", "nested": {"Set-Cookie": "sid=1"}, "card": "4111111111111111"},
    )
    record = sink.records[0]
    assert record["detail"] == "Authorization: Bearer [REDACTED]"
    assert record["extra"] == {
        "api_key": "[REDACTED]",
        "nested": {"Set-Cookie": "[REDACTED]"},
        "card": "[REDACTED]",
    }


@pytest.mark.parametrize(
    "name",
    [
        "password",
        "PASSWORD",
        "db_password",
        "client-secret",
        "X-Api-Key",
        "apiKey",
        "Authorization",
        "refresh_token",
        "cookie",
        "pin",
        "aws_access_key_id",
        "private_key",
    ],
)
def test_sensitive_names(name: str) -> None:
    assert redact({name: "v"}) == {name: "[REDACTED]"}


@pytest.mark.parametrize("name", ["shipping", "username", "spinner", "author", "id", "note"])
def test_ordinary_names_kept(name: str) -> None:
    assert redact({name: "v"}) == {name: "v"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("card 4111 1111 1111 1111 ok", "card [REDACTED] ok"),
        ("card 4111-1111-1111-1111", "card [REDACTED]"),
        ("not a card 4111111111111112", "not a card 4111111111111112"),  # fails Luhn
        ("order 1234567890123", "order 1234567890123"),
        ("t=eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2ln", "t=[REDACTED]"),
        ("key AKIAIOSFODNN7EXAMPLE used", "key [REDACTED] used"),
        ("Basic dXNlcjpwYXNz", "Basic [REDACTED]"),
        ('{"password": "hunter2"}', '{"password": "[REDACTED]"}'),
        ("api_key=abc123&x=1", "api_key=[REDACTED]&x=1"),
        (
            "-----BEGIN RSA PRIVATE KEY-----\nMIIE\n-----END RSA PRIVATE KEY----- tail",
            "[REDACTED] tail",
        ),
        ("plain text", "plain text"),
    ],
)
def test_value_patterns(text: str, expected: str) -> None:
    assert redact(text) == expected


def test_redactor_custom_names_and_no_patterns() -> None:
    custom = Redactor(["ssn_last4"], patterns=False, mask="***")
    assert custom({"ssn_last4": "1234", "t": "Bearer abcdefghij"}) == {
        "ssn_last4": "***",
        "t": "Bearer abcdefghij",
    }


def test_redact_handles_lists_scalars_and_depth() -> None:
    assert redact([1, 2.5, None, True, ("Bearer abcdefghij",)]) == [
        1,
        2.5,
        None,
        True,
        ["Bearer [REDACTED]"],
    ]
    deep: object = "x"
    for _ in range(40):
        deep = [deep]
    flat = json.dumps(redact(deep))
    assert "[REDACTED]" in flat  # depth beyond the cap is masked, not recursed
