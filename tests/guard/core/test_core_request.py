"""Event normalisation: every supported kind, from the real-format sample events."""

from __future__ import annotations

import base64
import json
from collections.abc import Callable
from typing import Any

import pytest

from faasguard.guard import EventKind, GuardViolation, Request, normalize

from .conftest import POWERTOOLS_EVENTS, FakeContext, rest_event

KINDS = {
    "apiGatewayProxyEvent.json": EventKind.API_GATEWAY_REST,
    "apiGatewayProxyV2Event.json": EventKind.API_GATEWAY_HTTP,
    "lambdaFunctionUrlIAMEvent.json": EventKind.FUNCTION_URL,
    "albMultiValueHeadersEvent.json": EventKind.ALB,
    "sqsEvent.json": EventKind.SQS,
    "snsEvent.json": EventKind.SNS,
    "s3Event.json": EventKind.S3,
    "eventBridgeEvent.json": EventKind.EVENTBRIDGE,
    "kinesisStreamEvent.json": EventKind.KINESIS,
    "dynamoStreamEvent.json": EventKind.DYNAMODB_STREAM,
    "cognitoPreSignUpEvent.json": EventKind.UNKNOWN,
}


@pytest.mark.parametrize(("name", "kind"), sorted(KINDS.items()))
def test_kind_detected(load_event: Callable[[str], Any], name: str, kind: EventKind) -> None:
    requests = normalize(load_event(name))
    assert {r.kind for r in requests} == {kind}


def test_rest_v1_fields(load_event: Callable[[str], Any]) -> None:
    (req,) = normalize(load_event("apiGatewayProxyEvent.json"), FakeContext())
    assert req.method == "GET"
    assert req.path == "/my/path"
    # multiValueHeaders win and are joined; names are lower-cased
    assert req.headers["header2"] == "value1, value2"
    assert req.header("ORIGIN") == "https://aws.amazon.com"
    assert req.query == {"parameter1": ["value1", "value2"], "parameter2": ["value"]}
    assert req.body == b"Hello from Lambda!"
    assert req.source_ip == "192.168.0.1/32"
    assert req.request_id == "id="
    assert req.context is not None


def test_rest_principal_from_authorizer(load_event: Callable[[str], Any]) -> None:
    (req,) = normalize(load_event("apiGatewayProxyEventPrincipalId.json"))
    assert req.principal == "fake"


def test_http_v2_fields(load_event: Callable[[str], Any]) -> None:
    (req,) = normalize(load_event("apiGatewayProxyV2Event.json"))
    assert req.method == "POST"
    assert req.path == "/my/path"
    # rawQueryString keeps both values (the comma-joined map would not)
    assert req.query["parameter1"] == ["value1", "value2"]
    assert req.path_params == {"parameter1": "value1"}
    assert req.cookies == {"cookie1": "", "cookie2": ""}
    assert req.json() == {"message": "hello world", "username": "tom"}
    # claims of the platform's JWT authorizer are carried over
    assert req.claims == {"claim1": "value1", "claim2": "value2"}


def test_function_url_iam_principal(load_event: Callable[[str], Any]) -> None:
    (req,) = normalize(load_event("lambdaFunctionUrlIAMEvent.json"))
    assert req.principal == "arn:aws:iam::111122223333:user/example-user"
    assert req.source_ip == "123.123.123.123"


def test_alb_source_ip_is_rightmost_forwarded_entry() -> None:
    event = {
        "requestContext": {"elb": {"targetGroupArn": "arn"}},
        "httpMethod": "GET",
        "path": "/x",
        "queryStringParameters": {"a%20b": "c+d%21"},
        "headers": {"x-forwarded-for": "6.6.6.6, 198.51.100.9", "x-amzn-trace-id": "Root=1"},
        "body": "",
        "isBase64Encoded": False,
    }
    (req,) = normalize(event)
    assert req.kind is EventKind.ALB
    assert req.source_ip == "198.51.100.9"  # the client cannot forge the entry ALB adds
    assert req.query == {"a b": ["c d!"]}  # ALB leaves query strings encoded
    assert req.request_id == "Root=1"


def test_base64_body_is_decoded() -> None:
    raw = b"\x00\x01binary"
    event = rest_event(base64.b64encode(raw).decode(), isBase64Encoded=True)
    (req,) = normalize(event)
    assert req.body == raw


def test_invalid_base64_body_is_rejected(load_event: Callable[[str], Any]) -> None:
    # this sample claims base64 but carries plain text: fail closed
    with pytest.raises(GuardViolation) as info:
        normalize(load_event("apiGatewayProxyEventAnotherPath.json"))
    assert info.value.rule == "body.encoding"
    assert info.value.status == 400


def test_cookie_header_parsed_first_wins() -> None:
    event = rest_event(headers={"Cookie": "a=1; b=2; a=3"})
    (req,) = normalize(event)
    assert req.cookies == {"a": "1", "b": "2"}


def test_sqs_records(load_event: Callable[[str], Any]) -> None:
    requests = normalize(load_event("sqsEvent.json"))
    assert [r.record_id for r in requests] == [
        "059f36b4-87a3-44ab-83d2-661975830a7d",
        "2e1424d4-f796-459a-8184-9c92662be6da",
    ]
    assert requests[0].body == b"Test message."
    assert requests[0].principal == "AIDAIENQZJOLO23YVJ4VO"


def test_sns_record(load_event: Callable[[str], Any]) -> None:
    (req,) = normalize(load_event("snsEvent.json"))
    assert req.body == b"Hello from SNS!"
    assert req.path == "TestInvoke"
    assert req.record_id == "95df01b4-ee98-5cb9-9903-4c221d41eb5e"


def test_s3_key_is_url_decoded(load_event: Callable[[str], Any]) -> None:
    (req,) = normalize(load_event("s3EventDecodedKey.json"))
    assert req.path == "Happy Face.jpg"
    assert req.source_ip == "127.0.0.1"


def test_eventbridge_detail_is_the_body(load_event: Callable[[str], Any]) -> None:
    (req,) = normalize(load_event("eventBridgeEvent.json"))
    assert req.json() == {"instance_id": "i-1234567890abcdef0", "state": "terminated"}
    assert req.request_id == "6a7e8feb-b491-4cf7-a9f1-bf3703467718"


def test_kinesis_data_is_decoded(load_event: Callable[[str], Any]) -> None:
    requests = normalize(load_event("kinesisStreamEvent.json"))
    assert requests[0].body == b"Hello, this is a test."
    assert requests[0].record_id == "49590338271490256608559692538361571095921575989136588898"


def test_dynamodb_images_are_the_body(load_event: Callable[[str], Any]) -> None:
    requests = normalize(load_event("dynamoStreamEvent.json"))
    assert requests[0].record_id == "111"
    assert requests[0].json()["NewImage"]["Message"] == {"S": "New item!"}


def test_unknown_event_keeps_raw() -> None:
    event = {"anything": 1}
    (req,) = normalize(event, FakeContext())
    assert req.kind is EventKind.UNKNOWN
    assert req.raw is event
    assert req.request_id == "ctx-request-id"


def test_text_and_json_errors() -> None:
    bad_utf8 = Request(kind=EventKind.UNKNOWN, raw=None, body=b"\xff\xfe")
    with pytest.raises(GuardViolation) as info:
        bad_utf8.text()
    assert info.value.rule == "body.encoding"
    bad_json = Request(kind=EventKind.UNKNOWN, raw=None, body=b"{nope")
    with pytest.raises(GuardViolation) as info:
        bad_json.json()
    assert info.value.rule == "body.json"


def test_json_parsed_once() -> None:
    req = Request(kind=EventKind.UNKNOWN, raw=None, body=b'{"a": [1]}')
    first = req.json()
    assert req.json() is first


def test_every_sample_event_normalises_or_is_rejected_cleanly() -> None:
    if not POWERTOOLS_EVENTS.is_dir():
        pytest.skip("sample events not available")
    for path in sorted(POWERTOOLS_EVENTS.glob("*.json")):
        event = json.loads(path.read_text(encoding="utf-8"))
        try:
            requests = normalize(event)
        except GuardViolation as exc:
            assert exc.rule in {"body.encoding", "event.malformed"}, path.name
            continue
        assert requests, path.name
        for req in requests:
            assert all(k == k.lower() for k in req.headers), path.name


@pytest.mark.parametrize(
    ("request_context", "principal", "claims"),
    [
        # the authorizer's principal wins over its claims and over the caller's IAM identity
        (
            {
                "authorizer": {"principalId": "p-1", "claims": {"sub": "s-1"}},
                "identity": {"userArn": "arn:aws:iam::1:user/u"},
            },
            "p-1",
            {"sub": "s-1"},
        ),
        ({"authorizer": {"principalId": "", "claims": {"sub": "s-1"}}}, "s-1", {"sub": "s-1"}),
        (
            {"authorizer": {"claims": "not a map"}, "identity": {"userArn": "arn:u"}},
            "arn:u",
            {},
        ),
        ({"identity": {"userArn": "arn:aws:iam::1:user/u"}}, "arn:aws:iam::1:user/u", {}),
        ({"identity": {"userArn": None, "cognitoIdentityId": "eu:c-1"}}, "eu:c-1", {}),
        ({"identity": {"sourceIp": "203.0.113.7"}}, None, {}),
        ({"authorizer": None, "identity": None}, None, {}),
    ],
)
def test_rest_principal_precedence(
    request_context: dict[str, Any], principal: str | None, claims: dict[str, Any]
) -> None:
    (req,) = normalize(rest_event(requestContext=request_context))
    assert (req.principal, req.claims) == (principal, claims)


@pytest.mark.parametrize(
    ("authorizer", "principal"),
    [
        (None, None),
        ("not a map", None),
        ({"jwt": {"claims": {"sub": "s-2"}}, "iam": {"userArn": "arn:i"}}, "s-2"),
        ({"iam": {"userArn": "arn:i"}, "lambda": {"principalId": "l-1"}}, "arn:i"),
        ({"lambda": {"principalId": "l-1"}}, "l-1"),
    ],
)
def test_http_v2_principal_precedence(authorizer: Any, principal: str | None) -> None:
    context: dict[str, Any] = {"http": {"method": "GET", "sourceIp": "1.2.3.4"}}
    if authorizer is not None:
        context["authorizer"] = authorizer
    (req,) = normalize({"version": "2.0", "rawPath": "/", "requestContext": context})
    assert req.kind is EventKind.API_GATEWAY_HTTP
    assert req.principal == principal
