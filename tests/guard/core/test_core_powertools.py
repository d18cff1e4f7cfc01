"""Powertools integration: handler decorator middleware and event-handler middleware."""

from __future__ import annotations

import json
from typing import Any

import pytest

from faasguard.guard import GuardViolation, Request
from faasguard.guard.logging import SecurityLogger
from faasguard.guard.powertools import handler_middleware, resolver_middleware

from .conftest import FakeContext, LogSink, rest_event


def deny_word(request: Request) -> None:
    if "evil" in request.text():
        raise GuardViolation(400, "test.word", "evil")


def test_handler_middleware_without_powertools(sink: LogSink) -> None:
    middleware = handler_middleware(deny_word, logger=SecurityLogger(sink, environ={}))

    def handler(event: Any, context: Any) -> str:
        return "ok"

    assert middleware(handler, rest_event("fine"), None) == "ok"
    assert middleware(handler, rest_event("evil"), None)["statusCode"] == 400


def test_lambda_handler_decorator(sink: LogSink) -> None:
    factory = pytest.importorskip("aws_lambda_powertools.middleware_factory")
    logger = SecurityLogger(sink, environ={})
    guarded = factory.lambda_handler_decorator(handler_middleware(deny_word, logger=logger))

    @guarded
    def handler(event: Any, context: Any) -> str:
        return "ok"

    assert handler(rest_event("fine"), FakeContext()) == "ok"
    response = handler(rest_event("evil"), FakeContext())
    assert response["statusCode"] == 400
    assert sink.rules() == ["test.word"]  # the allowed call is counted, not logged
    assert logger.flush() == 1
    assert sink.rules() == ["test.word", "guard.allow"]


def test_resolver_middleware(sink: LogSink) -> None:
    event_handler = pytest.importorskip("aws_lambda_powertools.event_handler")
    app = event_handler.APIGatewayRestResolver()
    logger = SecurityLogger(sink, environ={})
    app.use(middlewares=[resolver_middleware(deny_word, logger=logger)])

    @app.post("/orders")
    def create() -> dict[str, Any]:
        request = app.context["faasguard_request"]
        return {"request_id": request.request_id}

    ok = app.resolve(rest_event('{"a": 1}'), FakeContext())
    assert ok["statusCode"] == 200
    assert json.loads(ok["body"]) == {"request_id": "req-1"}
    rejected = app.resolve(rest_event("evil"), FakeContext())
    assert rejected["statusCode"] == 400
    assert json.loads(rejected["body"]) == {"message": "Bad Request"}
    assert "evil" not in rejected["body"]
    assert sink.rules() == ["test.word"]
    assert logger.pending_allowed == 1


def test_resolver_middleware_with_fake_app(sink: LogSink) -> None:
    class FakeEvent:
        raw_event = rest_event("evil")

    class FakeApp:
        current_event = FakeEvent()
        lambda_context = None
        extra: dict[str, Any] = {}

        def append_context(self, **kwargs: Any) -> None:
            self.extra.update(kwargs)

    middleware = resolver_middleware(
        deny_word, response_factory=lambda v: ("rejected", v.status), logger=SecurityLogger(sink)
    )
    assert middleware(FakeApp(), lambda app: "next") == ("rejected", 400)
    FakeEvent.raw_event = rest_event("fine")
    app = FakeApp()
    assert middleware(app, lambda a: "next") == "next"
    assert app.extra["faasguard_request"].text() == "fine"
