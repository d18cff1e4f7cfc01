"""Fixtures for the guard core tests: sample events, a fake Lambda context, a log sink."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from faasguard.guard.logging import AllowLog, SecurityLogger

EVENTS_DIR = Path(__file__).resolve().parents[3] / ".." / "shared" / "data" / "events"
POWERTOOLS_EVENTS = (EVENTS_DIR / "powertools-events").resolve()


class FakeClock:
    """A clock the test moves by hand."""

    def __init__(self, now: float = 1_700_000_000.0) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


class FakeContext:
    """The parts of a Lambda context the guard reads."""

    def __init__(self, remaining_ms: int = 30_000, function_name: str = "orders") -> None:
        self.remaining_ms = remaining_ms
        self.function_name = function_name
        self.aws_request_id = "ctx-request-id"

    def get_remaining_time_in_millis(self) -> int:
        return self.remaining_ms


class LogSink:
    """Collects the JSON lines a SecurityLogger writes."""

    def __init__(self) -> None:
        self.lines: list[str] = []

    def __call__(self, line: str) -> None:
        self.lines.append(line)

    @property
    def records(self) -> list[dict[str, Any]]:
        return [json.loads(line) for line in self.lines]

    def rules(self, outcome: str | None = None) -> list[str]:
        return [r["rule"] for r in self.records if outcome is None or r["outcome"] == outcome]


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def context() -> FakeContext:
    return FakeContext()


@pytest.fixture
def sink() -> LogSink:
    return LogSink()


@pytest.fixture
def logger(sink: LogSink, clock: FakeClock) -> SecurityLogger:
    """Allowed requests get a line each (``AllowLog.EACH``): tests see every decision in order."""
    return SecurityLogger(
        sink,
        clock=clock,
        environ={"AWS_LAMBDA_FUNCTION_NAME": "env-fn"},
        log_allowed=AllowLog.EACH,
    )


@pytest.fixture
def load_event() -> Callable[[str], Any]:
    def load(name: str) -> Any:
        path = POWERTOOLS_EVENTS / name
        if not path.is_file():
            pytest.skip(f"sample events not available ({path})")
        return json.loads(path.read_text(encoding="utf-8"))

    return load


def rest_event(body: str | None = None, **overrides: Any) -> dict[str, Any]:
    """A small API Gateway REST (payload v1) event."""
    event: dict[str, Any] = {
        "resource": "/orders",
        "path": "/orders",
        "httpMethod": "POST",
        "headers": {"Content-Type": "application/json", "X-Api-Key": "k"},
        "multiValueHeaders": None,
        "queryStringParameters": {"q": "1"},
        "multiValueQueryStringParameters": None,
        "pathParameters": None,
        "requestContext": {
            "requestId": "req-1",
            "identity": {"sourceIp": "203.0.113.7"},
        },
        "body": body,
        "isBase64Encoded": False,
    }
    event.update(overrides)
    return event


def sqs_event(*bodies: str) -> dict[str, Any]:
    return {
        "Records": [
            {
                "messageId": f"m{i}",
                "body": body,
                "attributes": {"SenderId": "AIDA"},
                "eventSource": "aws:sqs",
                "eventSourceARN": "arn:aws:sqs:us-east-1:1:q",
            }
            for i, body in enumerate(bodies)
        ]
    }
