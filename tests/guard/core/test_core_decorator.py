"""The @guard decorator: HTTP answers, fail-closed, alerts, batches, record events."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest

from faasguard.guard import (
    GuardConfigError,
    GuardRejected,
    GuardViolation,
    Mode,
    OnReject,
    Request,
    current_request,
    current_requests,
    guard,
)
from faasguard.guard.logging import SecurityLogger

from .conftest import FakeContext, LogSink, rest_event, sqs_event


class Deny:
    name = "deny"

    def __init__(self, status: int = 403, rule: str = "test.deny", **kw: Any) -> None:
        self.violation = GuardViolation(status, rule, "secret internal reason", **kw)

    def __call__(self, request: Request) -> None:
        raise self.violation


def deny_body(word: str) -> Callable[[Request], None]:
    def check(request: Request) -> None:
        if word in request.text():
            raise GuardViolation(400, "test.word", f"found {word}")

    return check


def boom(request: Request) -> None:
    raise KeyError("password=hunter2")


def handler(event: Any, context: Any) -> dict[str, Any]:
    return {"statusCode": 200, "body": "ok"}


def test_allowed_request_reaches_handler(logger: SecurityLogger, sink: LogSink) -> None:
    seen: list[Request | None] = []

    def h(event: Any, context: Any) -> str:
        seen.append(current_request())
        return "handled"

    wrapped = guard(lambda r: None, logger=logger)(h)
    assert wrapped(rest_event("{}"), FakeContext()) == "handled"
    assert seen[0] is not None and seen[0].request_id == "req-1"
    assert current_request() is None  # reset after the call
    (record,) = sink.records
    assert record["outcome"] == "allow"
    assert record["function"] == "orders"  # from the context, before the environment


def test_rejection_answers_without_leaking(logger: SecurityLogger, sink: LogSink) -> None:
    called: list[bool] = []
    wrapped = guard(Deny(), logger=logger)(lambda e, c: called.append(True))
    response = wrapped(rest_event("{}"), FakeContext())
    assert called == []
    assert response["statusCode"] == 403
    assert json.loads(response["body"]) == {"message": "Forbidden"}
    assert "secret" not in json.dumps(response) and "test.deny" not in json.dumps(response)
    (record,) = sink.records
    assert (record["outcome"], record["rule"], record["check"]) == ("block", "test.deny", "deny")
    assert record["detail"] == "secret internal reason"
    assert record["source_ip"] == "203.0.113.7"


def test_429_carries_retry_after(logger: SecurityLogger) -> None:
    wrapped = guard(Deny(429, "ratelimit.exceeded", retry_after=2.2), logger=logger)(handler)
    response = wrapped(rest_event(), None)
    assert response["statusCode"] == 429
    assert response["headers"]["retry-after"] == "3"


def test_exception_in_check_fails_closed(logger: SecurityLogger, sink: LogSink) -> None:
    wrapped = guard(boom, logger=logger)(handler)
    response = wrapped(rest_event(), None)
    assert response["statusCode"] == 403
    assert "hunter2" not in json.dumps(response)
    (record,) = sink.records
    assert record["rule"] == "guard.internal"
    assert record["check"] == "boom"
    assert "hunter2" not in record["detail"]  # redacted even in the log
    assert "KeyError" in record["detail"]


def test_internal_status_can_be_400(logger: SecurityLogger) -> None:
    wrapped = guard(boom, logger=logger, internal_status=400)(handler)
    assert wrapped(rest_event(), None)["statusCode"] == 400
    with pytest.raises(GuardConfigError):
        guard(boom, internal_status=500)


def test_checks_run_in_order_and_stop_at_first_rejection(logger: SecurityLogger) -> None:
    order: list[str] = []

    def first(r: Request) -> None:
        order.append("first")

    def second(r: Request) -> None:
        order.append("second")
        raise GuardViolation(401, "auth.missing")

    def third(r: Request) -> None:
        order.append("third")

    response = guard(first, second, third, logger=logger)(handler)(rest_event(), None)
    assert order == ["first", "second"]
    assert response["statusCode"] == 401


def test_alerts_are_logged_and_let_through(logger: SecurityLogger, sink: LogSink) -> None:
    def suspicious(request: Request) -> None:
        request.alert(GuardViolation(400, "detect.sqli", "union select"))

    response = guard(suspicious, logger=logger)(handler)(rest_event(), None)
    assert response == {"statusCode": 200, "body": "ok"}
    assert [(r["outcome"], r["rule"]) for r in sink.records] == [
        ("alert", "detect.sqli"),
        ("allow", "guard.allow"),
    ]


def test_malformed_event_is_rejected(logger: SecurityLogger, sink: LogSink) -> None:
    event = rest_event("%%%not base64", isBase64Encoded=True)
    response = guard(logger=logger)(handler)(event, None)
    assert response["statusCode"] == 400
    assert sink.rules("block") == ["body.encoding"]


def test_http_v2_and_alb_shapes(logger: SecurityLogger) -> None:
    v2 = {
        "version": "2.0",
        "rawPath": "/",
        "requestContext": {"http": {"method": "GET", "sourceIp": "1.2.3.4"}},
    }
    response = guard(Deny(401, "jwt.missing"), logger=logger)(handler)(v2, None)
    assert response["statusCode"] == 401 and "statusDescription" not in response
    alb = {
        "requestContext": {"elb": {"targetGroupArn": "a"}},
        "httpMethod": "GET",
        "path": "/",
        "multiValueHeaders": {"x-forwarded-for": ["1.2.3.4"]},
    }
    response = guard(Deny(413, "body.too_large"), logger=logger)(handler)(alb, None)
    assert response["statusDescription"] == "413 Payload Too Large"
    assert response["multiValueHeaders"]["content-type"] == ["application/json"]
    assert "headers" not in response


def test_sqs_partial_batch(logger: SecurityLogger, sink: LogSink) -> None:
    received: list[Any] = []

    def h(event: Any, context: Any) -> None:
        received.append([r["messageId"] for r in event["Records"]])
        received.append([r.record_id for r in current_requests()])

    event = sqs_event("fine", "DROP TABLE", "also fine")
    result = guard(deny_body("DROP"), logger=logger)(h)(event, None)
    assert result == {"batchItemFailures": [{"itemIdentifier": "m1"}]}
    assert received == [["m0", "m2"], ["m0", "m2"]]
    assert len(event["Records"]) == 3  # the caller's event is not mutated
    assert sink.rules() == ["guard.allow", "test.word", "guard.allow"]


def test_batch_merges_handler_failures(logger: SecurityLogger) -> None:
    def h(event: Any, context: Any) -> dict[str, Any]:
        return {"batchItemFailures": [{"itemIdentifier": "m0"}]}

    result = guard(deny_body("bad"), logger=logger)(h)(sqs_event("x", "bad"), None)
    assert result == {"batchItemFailures": [{"itemIdentifier": "m0"}, {"itemIdentifier": "m1"}]}


def test_batch_all_rejected_skips_handler(logger: SecurityLogger) -> None:
    called: list[bool] = []
    wrapped = guard(deny_body("bad"), logger=logger)(lambda e, c: called.append(True))
    result = wrapped(sqs_event("bad", "bad!"), None)
    assert called == []
    assert result == {"batchItemFailures": [{"itemIdentifier": "m0"}, {"itemIdentifier": "m1"}]}


def test_batch_all_allowed_returns_handler_result(logger: SecurityLogger) -> None:
    assert guard(logger=logger)(lambda e, c: None)(sqs_event("a"), None) is None


def test_kinesis_and_dynamodb_use_sequence_numbers(logger: SecurityLogger) -> None:
    kinesis = {
        "Records": [
            {"eventSource": "aws:kinesis", "kinesis": {"sequenceNumber": "1", "data": "b2s="}},
            {"eventSource": "aws:kinesis", "kinesis": {"sequenceNumber": "2", "data": "!!"}},
        ]
    }
    result = guard(logger=logger)(lambda e, c: None)(kinesis, None)
    assert result == {"batchItemFailures": [{"itemIdentifier": "2"}]}  # invalid base64
    ddb = {
        "Records": [
            {"eventSource": "aws:dynamodb", "dynamodb": {"SequenceNumber": "7", "NewImage": {}}},
        ]
    }
    result = guard(Deny(), logger=logger)(lambda e, c: None)(ddb, None)
    assert result == {"batchItemFailures": [{"itemIdentifier": "7"}]}


def test_sns_records_filtered_without_batch_response(logger: SecurityLogger) -> None:
    received: list[int] = []
    event = {
        "Records": [
            {"EventSource": "aws:sns", "Sns": {"MessageId": "a", "Message": "ok"}},
            {"EventSource": "aws:sns", "Sns": {"MessageId": "b", "Message": "bad"}},
        ]
    }
    result = guard(deny_body("bad"), logger=logger)(
        lambda e, c: received.append(len(e["Records"])) or "done"
    )(event, None)
    assert result == "done"
    assert received == [1]


def test_record_event_on_reject_raise(logger: SecurityLogger) -> None:
    event = {"Records": [{"EventSource": "aws:sns", "Sns": {"MessageId": "b", "Message": "bad"}}]}
    wrapped = guard(deny_body("bad"), logger=logger, on_reject=OnReject.RAISE)(handler)
    with pytest.raises(GuardRejected) as info:
        wrapped(event, None)
    assert str(info.value) == "event rejected"


def test_eventbridge_dropped_and_unknown_raises(logger: SecurityLogger) -> None:
    eb = {"detail-type": "t", "source": "s", "detail": {"x": "bad"}, "id": "1"}
    called: list[bool] = []
    assert (
        guard(deny_body("bad"), logger=logger)(lambda e, c: called.append(True))(eb, None) is None
    )
    assert called == []
    with pytest.raises(GuardRejected):
        guard(Deny(), logger=logger)(handler)({"direct": "invoke"}, None)


def test_time_budget_sugar_blocks_or_alerts(logger: SecurityLogger, sink: LogSink) -> None:
    short = FakeContext(remaining_ms=100)
    response = guard(min_remaining_ms=500, logger=logger)(handler)(rest_event(), short)
    assert response["statusCode"] == 503 and response["headers"]["retry-after"] == "1"
    response = guard(min_remaining_ms=500, budget_mode=Mode.ALERT, logger=logger)(handler)(
        rest_event(), short
    )
    assert response["statusCode"] == 200
    assert sink.rules("alert") == ["budget.exhausted"]


def test_sugar_order_limits_before_checks_schema_after(logger: SecurityLogger) -> None:
    seen: list[str] = []

    def spy(r: Request) -> None:
        seen.append("spy")

    schema = {"type": "object", "required": ["id"]}
    wrapped = guard(spy, schema=schema, max_body_bytes=10, logger=logger)(handler)
    assert wrapped(rest_event('{"long": "xxxxxxxxxxxxxx"}'), None)["statusCode"] == 413
    assert seen == []  # the size limit ran first
    assert wrapped(rest_event("{}"), None)["statusCode"] == 400
    assert seen == ["spy"]  # the check ran, then the schema rejected


def test_bad_configuration_raises_at_decoration() -> None:
    with pytest.raises(GuardConfigError):
        guard("not a check")  # type: ignore[arg-type]
    with pytest.raises(GuardConfigError):
        guard(schema={"type": "object"}, model=dict)


def test_handler_exception_propagates(logger: SecurityLogger) -> None:
    def h(event: Any, context: Any) -> None:
        raise RuntimeError("handler bug")

    with pytest.raises(RuntimeError):
        guard(logger=logger)(h)(rest_event(), None)


def test_wrapped_keeps_name_and_exposes_engine() -> None:
    def my_handler(event: Any, context: Any) -> None:
        return None

    wrapped = guard()(my_handler)
    assert wrapped.__name__ == "my_handler"
    assert wrapped.__faasguard__.checks == ()  # type: ignore[attr-defined]
