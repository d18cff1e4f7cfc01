"""Azure Functions and Google Cloud Functions HTTP adapters, with fake request objects."""

from __future__ import annotations

import asyncio
import json
from typing import Any

import pytest

from faasguard.guard import EventKind, GuardViolation, Request, current_request
from faasguard.guard.adapters._http import forwarded_ip
from faasguard.guard.adapters.azure import azure_guard, azure_request
from faasguard.guard.adapters.gcp import gcp_guard, gcp_request
from faasguard.guard.logging import SecurityLogger
from faasguard.guard.responses import RejectResponse

from .conftest import LogSink


class FakeAzureRequest:
    def __init__(self, body: bytes = b"", headers: dict[str, str] | None = None) -> None:
        self.method = "post"
        self.url = "https://fn.azurewebsites.net/api/orders/7?x=1&x=2&y="
        self.headers = headers or {
            "Content-Type": "application/json",
            "X-Forwarded-For": "6.6.6.6, 203.0.113.5:51234",
            "Cookie": "sid=abc",
            "X-MS-CLIENT-PRINCIPAL-ID": "user-1",
        }
        self.params = {"x": "2"}
        self.route_params = {"id": "7"}
        self._body = body

    def get_body(self) -> bytes:
        return self._body


class FakeAzureContext:
    invocation_id = "inv-1"


class FakeMultiDict:
    def __init__(self, items: dict[str, list[str]]) -> None:
        self._items = items

    def lists(self) -> Any:
        return iter(self._items.items())


class FakeFlaskRequest:
    def __init__(self, body: bytes = b"") -> None:
        self.method = "GET"
        self.path = "/items"
        self.headers = {
            "X-Forwarded-For": "198.51.100.4",
            "Function-Execution-Id": "exec-9",
            "X-Cloud-Trace-Context": "trace/1;o=1",
        }
        self.args = FakeMultiDict({"q": ["a", "b"]})
        self.cookies = {"c": "1"}
        self.remote_addr = "10.0.0.1"
        self._body = body

    def get_data(self) -> bytes:
        return self._body


def deny_word(request: Request) -> None:
    if b"evil" in (request.body or b""):
        raise GuardViolation(400, "test.word", "evil")


def test_azure_request_normalised() -> None:
    req = azure_request(FakeAzureRequest(b'{"a": 1}'), FakeAzureContext())
    assert req.kind is EventKind.AZURE_HTTP
    assert (req.method, req.path) == ("POST", "/api/orders/7")
    assert req.query == {"x": ["1", "2"], "y": [""]}
    assert req.path_params == {"id": "7"}
    assert req.cookies == {"sid": "abc"}
    assert req.source_ip == "203.0.113.5"
    assert req.principal is None  # EasyAuth header ignored unless trusted
    assert req.request_id == "inv-1"
    assert req.json() == {"a": 1}
    trusted = azure_request(FakeAzureRequest(), trust_easyauth=True)
    assert trusted.principal == "user-1"


def test_azure_guard_rejects_with_factory(sink: LogSink) -> None:
    logger = SecurityLogger(sink, environ={})
    made: list[RejectResponse] = []

    def factory(reject: RejectResponse) -> str:
        made.append(reject)
        return "rejected"

    @azure_guard(deny_word, response_factory=factory, logger=logger)
    def main(req: Any, context: Any = None) -> str:
        request = current_request()
        assert request is not None
        return f"ok {request.request_id}"

    assert main(FakeAzureRequest(b"fine"), context=FakeAzureContext()) == "ok inv-1"
    assert main(req=FakeAzureRequest(b"evil")) == "rejected"
    assert made[0].status == 400
    assert json.loads(made[0].body) == {"message": "Bad Request"}
    assert sink.rules() == ["test.word"]  # the allowed call is counted, not logged
    assert logger.flush() == 1
    assert sink.rules() == ["test.word", "guard.allow"]


def test_azure_guard_async_handler(sink: LogSink) -> None:
    logger = SecurityLogger(sink, environ={})

    @azure_guard(deny_word, response_factory=lambda r: r.status, logger=logger)
    async def main(req: Any) -> str:
        await asyncio.sleep(0)
        request = current_request()
        return "ok" if request is not None else "no request"

    assert asyncio.run(main(FakeAzureRequest(b"x"))) == "ok"
    assert asyncio.run(main(FakeAzureRequest(b"evil"))) == 400


def test_azure_guard_without_request_fails_closed(sink: LogSink) -> None:
    logger = SecurityLogger(sink, environ={})
    guarded = azure_guard(response_factory=lambda r: r.status, logger=logger)(lambda x: "ran")
    assert guarded("not a request") == 400
    assert sink.rules() == ["event.malformed"]


def test_azure_default_factory_needs_azure_functions() -> None:
    guarded = azure_guard(deny_word, logger=SecurityLogger(lambda line: None, environ={}))(
        lambda req: "ran"
    )
    try:
        import azure.functions  # noqa: F401
    except ImportError:
        with pytest.raises(ImportError):
            guarded(FakeAzureRequest(b"evil"))
    else:  # pragma: no cover - only when the SDK is installed
        assert guarded(FakeAzureRequest(b"evil")).status_code == 400


def test_gcp_request_normalised() -> None:
    req = gcp_request(FakeFlaskRequest(b"body"))
    assert req.kind is EventKind.GCP_HTTP
    assert (req.method, req.path) == ("GET", "/items")
    assert req.query == {"q": ["a", "b"]}
    assert req.cookies == {"c": "1"}
    assert req.source_ip == "198.51.100.4"
    assert req.request_id == "exec-9"
    assert req.body == b"body"


def test_gcp_guard_tuple_response(sink: LogSink) -> None:
    logger = SecurityLogger(sink, environ={})

    @gcp_guard(deny_word, logger=logger)
    def handle(request: Any) -> str:
        return "ok"

    assert handle(FakeFlaskRequest(b"fine")) == "ok"
    body, status, headers = handle(FakeFlaskRequest(b"evil"))
    assert status == 400
    assert json.loads(body) == {"message": "Bad Request"}
    assert headers["content-type"] == "application/json"


@pytest.mark.parametrize(
    ("header", "hops", "expected"),
    [
        ("1.1.1.1, 2.2.2.2", 0, "2.2.2.2"),
        ("1.1.1.1, 2.2.2.2", 1, "1.1.1.1"),
        ("1.1.1.1", 1, None),
        ("[2001:db8::1]:443", 0, "2001:db8::1"),
        ("2001:db8::1", 0, "2001:db8::1"),
        ("3.3.3.3:80", 0, "3.3.3.3"),
        (None, 0, None),
    ],
)
def test_forwarded_ip(header: str | None, hops: int, expected: str | None) -> None:
    assert forwarded_ip(header, hops) == expected
