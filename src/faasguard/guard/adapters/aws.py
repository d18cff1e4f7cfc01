"""Normalisation of AWS Lambda events into :class:`~faasguard.guard._request.Request` objects.

Only the shapes AWS documents are trusted: the caller's IP comes from the platform's request
context (for ALB, the right-most ``X-Forwarded-For`` entry, the one the load balancer added), and
the principal only from fields the platform fills after it authenticated the caller.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from typing import Any

from faasguard.guard._request import EventKind, Request
from faasguard.guard.errors import GuardViolation

__all__ = ["detect_kind", "normalize_aws", "parse_cookies", "parse_qs", "unquote_plus"]

_RECORD_SOURCES = {
    "aws:sqs": EventKind.SQS,
    "aws:sns": EventKind.SNS,
    "aws:s3": EventKind.S3,
    "aws:kinesis": EventKind.KINESIS,
    "aws:dynamodb": EventKind.DYNAMODB_STREAM,
}


def _dict(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _str_or_none(value: Any) -> str | None:
    return value if isinstance(value, str) and value else None


def detect_kind(event: Any) -> EventKind:
    """The kind of an AWS event, from its shape."""
    if not isinstance(event, dict):
        return EventKind.UNKNOWN
    records = event.get("Records")
    if isinstance(records, list) and records and isinstance(records[0], dict):
        first = records[0]
        source = first.get("eventSource") or first.get("EventSource")
        return (
            _RECORD_SOURCES.get(source, EventKind.UNKNOWN)
            if isinstance(source, str)
            else (EventKind.UNKNOWN)
        )
    ctx = event.get("requestContext")
    if isinstance(ctx, dict):
        if "elb" in ctx:
            return EventKind.ALB
        if event.get("version") == "2.0" and isinstance(ctx.get("http"), dict):
            domain = ctx.get("domainName")
            if isinstance(domain, str) and ".lambda-url." in domain:
                return EventKind.FUNCTION_URL
            return EventKind.API_GATEWAY_HTTP
        if "httpMethod" in event:
            return EventKind.API_GATEWAY_REST
    if "detail-type" in event and "source" in event and "detail" in event:
        return EventKind.EVENTBRIDGE
    return EventKind.UNKNOWN


def parse_cookies(headers: list[str]) -> dict[str, str]:
    """Parse ``Cookie`` header values (``a=1; b=2``); the first occurrence of a name wins."""
    cookies: dict[str, str] = {}
    for header in headers:
        for part in header.split(";"):
            name, sep, value = part.strip().partition("=")
            if name and name not in cookies:
                cookies[name] = value if sep else ""
    return cookies


def _headers(event: dict[str, Any]) -> dict[str, str]:
    multi = event.get("multiValueHeaders")
    if isinstance(multi, dict) and multi:
        return {
            str(name).lower(): ", ".join(str(v) for v in values)
            for name, values in multi.items()
            if isinstance(values, list)
        }
    single = event.get("headers")
    if not isinstance(single, dict):
        return {}
    return {
        (name if isinstance(name, str) else str(name)).lower(): (
            value if isinstance(value, str) else str(value)
        )
        for name, value in single.items()
        if value is not None
    }


def _query_v1(event: dict[str, Any], *, decode: bool) -> dict[str, list[str]]:
    fix: Callable[[str], str] = unquote_plus if decode else str
    multi = event.get("multiValueQueryStringParameters")
    out: dict[str, list[str]] = {}
    if isinstance(multi, dict) and multi:
        for name, values in multi.items():
            if isinstance(values, list):
                out[fix(str(name))] = [fix(str(v)) for v in values]
        return out
    single = event.get("queryStringParameters")
    if isinstance(single, dict):
        for name, value in single.items():
            if value is not None:
                out[fix(str(name))] = [fix(str(value))]
    return out


def _body(event: Mapping[str, Any], key: str = "body") -> bytes | None:
    body = event.get(key)
    if body is None:
        return None
    if not isinstance(body, str):
        body = json.dumps(body, separators=(",", ":"))
    if event.get("isBase64Encoded") is True:
        return _b64(body)
    return body.encode("utf-8", "surrogatepass")


def _b64(text: str) -> bytes:
    import base64  # lazy: only events with base64 bodies pay for it
    import binascii

    try:
        return base64.b64decode(text, validate=True)
    except (binascii.Error, ValueError):
        raise GuardViolation(400, "body.encoding", "invalid base64 body") from None


def parse_qs(query: str) -> dict[str, list[str]]:
    """``urllib.parse.parse_qs`` keeping blank values (urllib imported on first use)."""
    from urllib.parse import parse_qs as _parse_qs

    return _parse_qs(query, keep_blank_values=True)


def unquote_plus(value: str) -> str:
    """``urllib.parse.unquote_plus``, skipped when there is nothing to decode."""
    if "%" not in value and "+" not in value:
        return value
    from urllib.parse import unquote_plus as _unquote_plus

    return _unquote_plus(value)


def _str_map(value: Any) -> dict[str, str]:
    if not isinstance(value, dict):
        return {}
    return {str(k): str(v) for k, v in value.items() if v is not None}


def _claims_sub(claims: Any) -> str | None:
    return _str_or_none(claims.get("sub")) if isinstance(claims, dict) else None


def _principal_v1(ctx: dict[str, Any]) -> tuple[str | None, dict[str, Any]]:
    authorizer = ctx.get("authorizer")
    claims: Any = None
    principal: str | None = None
    if isinstance(authorizer, dict):  # absent on unauthenticated routes: skip its lookups
        claims = authorizer.get("claims")
        principal = _str_or_none(authorizer.get("principalId")) or _claims_sub(claims)
    identity = ctx.get("identity")
    if principal is None and isinstance(identity, dict):
        principal = _str_or_none(identity.get("userArn")) or _str_or_none(
            identity.get("cognitoIdentityId")
        )
    return principal, dict(claims) if isinstance(claims, dict) else {}


def _principal_v2(ctx: dict[str, Any]) -> tuple[str | None, dict[str, Any]]:
    authorizer = ctx.get("authorizer")
    if not isinstance(authorizer, dict):  # unauthenticated route
        return None, {}
    claims = _dict(authorizer.get("jwt")).get("claims")
    iam = _dict(authorizer.get("iam"))
    lam = _dict(authorizer.get("lambda"))
    principal = (
        _claims_sub(claims)
        or _str_or_none(iam.get("userArn"))
        or _str_or_none(lam.get("principalId"))
    )
    return principal, dict(claims) if isinstance(claims, dict) else {}


def _rest(event: dict[str, Any], context: Any) -> Request:
    ctx = _dict(event.get("requestContext"))
    headers = _headers(event)
    principal, claims = _principal_v1(ctx)
    return Request(
        kind=EventKind.API_GATEWAY_REST,
        raw=event,
        method=_str_or_none(event.get("httpMethod")),
        path=_str_or_none(event.get("path")),
        headers=headers,
        query=_query_v1(event, decode=False),
        path_params=_str_map(event.get("pathParameters")),
        cookies=parse_cookies([headers["cookie"]]) if "cookie" in headers else {},
        body=_body(event),
        source_ip=_str_or_none(_dict(ctx.get("identity")).get("sourceIp")),
        principal=principal,
        request_id=_str_or_none(ctx.get("requestId")) or _aws_request_id(context),
        claims=claims,
        context=context,
    )


def _http_v2(event: dict[str, Any], context: Any, kind: EventKind) -> Request:
    ctx = _dict(event.get("requestContext"))
    http = _dict(ctx.get("http"))
    raw_query = event.get("rawQueryString")
    if isinstance(raw_query, str):
        query = parse_qs(raw_query)
    else:
        query = {k: [v] for k, v in _str_map(event.get("queryStringParameters")).items()}
    cookie_list = event.get("cookies")
    headers = _headers(event)
    cookies = [str(c) for c in cookie_list] if isinstance(cookie_list, list) else []
    if "cookie" in headers:
        cookies.append(headers["cookie"])
    principal, claims = _principal_v2(ctx)
    return Request(
        kind=kind,
        raw=event,
        method=_str_or_none(http.get("method")),
        path=_str_or_none(event.get("rawPath")) or _str_or_none(http.get("path")),
        headers=headers,
        query=query,
        path_params=_str_map(event.get("pathParameters")),
        cookies=parse_cookies(cookies),
        body=_body(event),
        source_ip=_str_or_none(http.get("sourceIp")),
        principal=principal,
        request_id=_str_or_none(ctx.get("requestId")) or _aws_request_id(context),
        claims=claims,
        context=context,
    )


def _alb(event: dict[str, Any], context: Any) -> Request:
    headers = _headers(event)
    forwarded = [p.strip() for p in headers.get("x-forwarded-for", "").split(",") if p.strip()]
    return Request(
        kind=EventKind.ALB,
        raw=event,
        method=_str_or_none(event.get("httpMethod")),
        path=_str_or_none(event.get("path")),
        headers=headers,
        # ALB passes query strings as the client sent them (still URL-encoded).
        query=_query_v1(event, decode=True),
        cookies=parse_cookies([headers["cookie"]]) if "cookie" in headers else {},
        body=_body(event),
        source_ip=forwarded[-1] if forwarded else None,
        request_id=_str_or_none(headers.get("x-amzn-trace-id")) or _aws_request_id(context),
        context=context,
    )


def _eventbridge(event: dict[str, Any], context: Any) -> Request:
    return Request(
        kind=EventKind.EVENTBRIDGE,
        raw=event,
        path=_str_or_none(event.get("detail-type")),
        body=json.dumps(event.get("detail"), separators=(",", ":")).encode("utf-8"),
        principal=_str_or_none(event.get("account")),
        request_id=_str_or_none(event.get("id")) or _aws_request_id(context),
        context=context,
    )


def _sqs(record: dict[str, Any], context: Any) -> Request:
    attrs = _dict(record.get("attributes"))
    message_id = _str_or_none(record.get("messageId"))
    return Request(
        kind=EventKind.SQS,
        raw=record,
        body=_body(record),
        principal=_str_or_none(attrs.get("SenderId")),
        request_id=message_id,
        record_id=message_id,
        context=context,
    )


def _sns(record: dict[str, Any], context: Any) -> Request:
    sns = _dict(record.get("Sns"))
    message_id = _str_or_none(sns.get("MessageId"))
    return Request(
        kind=EventKind.SNS,
        raw=record,
        path=_str_or_none(sns.get("Subject")),
        body=_body(sns, "Message"),
        principal=_str_or_none(sns.get("TopicArn")),
        request_id=message_id,
        record_id=message_id,
        context=context,
    )


def _s3(record: dict[str, Any], context: Any) -> Request:
    s3 = _dict(record.get("s3"))
    key = _dict(s3.get("object")).get("key")
    request_id = _str_or_none(_dict(record.get("responseElements")).get("x-amz-request-id"))
    return Request(
        kind=EventKind.S3,
        raw=record,
        method=_str_or_none(record.get("eventName")),
        # S3 URL-encodes object keys in notifications (spaces as "+").
        path=unquote_plus(key) if isinstance(key, str) else None,
        source_ip=_str_or_none(_dict(record.get("requestParameters")).get("sourceIPAddress")),
        principal=_str_or_none(_dict(record.get("userIdentity")).get("principalId")),
        request_id=request_id,
        record_id=_str_or_none(_dict(s3.get("object")).get("sequencer")),
        context=context,
    )


def _kinesis(record: dict[str, Any], context: Any) -> Request:
    kinesis = _dict(record.get("kinesis"))
    data = kinesis.get("data")
    seq = _str_or_none(kinesis.get("sequenceNumber"))
    return Request(
        kind=EventKind.KINESIS,
        raw=record,
        path=_str_or_none(kinesis.get("partitionKey")),
        body=_b64(data) if isinstance(data, str) else None,
        request_id=_str_or_none(record.get("eventID")) or seq,
        record_id=seq,
        context=context,
    )


def _dynamodb(record: dict[str, Any], context: Any) -> Request:
    ddb = _dict(record.get("dynamodb"))
    seq = _str_or_none(ddb.get("SequenceNumber"))
    image = {k: ddb[k] for k in ("Keys", "NewImage", "OldImage") if k in ddb}
    identity = _dict(record.get("userIdentity"))
    return Request(
        kind=EventKind.DYNAMODB_STREAM,
        raw=record,
        method=_str_or_none(record.get("eventName")),
        body=json.dumps(image, separators=(",", ":")).encode("utf-8"),
        principal=_str_or_none(identity.get("principalId")),
        request_id=_str_or_none(record.get("eventID")) or seq,
        record_id=seq,
        context=context,
    )


_RecordBuilder = Callable[[dict[str, Any], Any], Request]
RECORD_BUILDERS: dict[EventKind, _RecordBuilder] = {
    EventKind.SQS: _sqs,
    EventKind.SNS: _sns,
    EventKind.S3: _s3,
    EventKind.KINESIS: _kinesis,
    EventKind.DYNAMODB_STREAM: _dynamodb,
}


def _aws_request_id(context: Any) -> str | None:
    value = getattr(context, "aws_request_id", None)
    return value if isinstance(value, str) else None


def _single(event: dict[str, Any], context: Any, kind: EventKind) -> Request:
    if kind is EventKind.API_GATEWAY_REST:
        return _rest(event, context)
    if kind in (EventKind.API_GATEWAY_HTTP, EventKind.FUNCTION_URL):
        return _http_v2(event, context, kind)
    if kind is EventKind.ALB:
        return _alb(event, context)
    if kind is EventKind.EVENTBRIDGE:
        return _eventbridge(event, context)
    return Request(
        kind=EventKind.UNKNOWN, raw=event, request_id=_aws_request_id(context), context=context
    )


def build_record(kind: EventKind, record: Any, context: Any) -> Request:
    """One request for one batch record; malformed records raise :class:`GuardViolation`."""
    if not isinstance(record, dict):
        raise GuardViolation(400, "event.malformed", "record is not an object")
    try:
        return RECORD_BUILDERS[kind](record, context)
    except GuardViolation:
        raise
    except (TypeError, ValueError, AttributeError, KeyError) as exc:
        raise GuardViolation(400, "event.malformed", type(exc).__name__) from None


def build_single(kind: EventKind, event: Any, context: Any) -> Request:
    """The request for a non-record event of a known ``kind`` (see :func:`detect_kind`)."""
    if kind is EventKind.UNKNOWN:
        return Request(kind=kind, raw=event, request_id=_aws_request_id(context), context=context)
    try:
        return _single(event, context, kind)
    except GuardViolation:
        raise
    except (TypeError, ValueError, AttributeError, KeyError) as exc:
        raise GuardViolation(400, "event.malformed", type(exc).__name__) from None


def normalize_aws(event: Any, context: Any | None = None) -> list[Request]:
    """Normalise an AWS event: one request, or one per record for record-based events."""
    kind = detect_kind(event)
    if kind in RECORD_BUILDERS:
        return [build_record(kind, record, context) for record in event["Records"]]
    return [build_single(kind, event, context)]
