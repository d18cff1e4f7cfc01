"""One normalised view of any supported event: :class:`Request`.

Every check receives a :class:`Request`, whatever the trigger. :func:`normalize` turns an AWS event
(API Gateway REST/HTTP, Function URL, ALB, SQS, SNS, S3, EventBridge, Kinesis, DynamoDB streams)
into one request, or one per record for batch events. Azure and Google Cloud HTTP requests are
normalised by :mod:`faasguard.guard.adapters`.
"""

from __future__ import annotations

import enum
import json as _json
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Protocol

from faasguard.guard.errors import GuardViolation

__all__ = ["Check", "EventKind", "Mode", "Request", "check_name", "normalize"]


class EventKind(enum.Enum):
    """The trigger an event came from."""

    API_GATEWAY_REST = "api-gateway-rest"
    API_GATEWAY_HTTP = "api-gateway-http"
    FUNCTION_URL = "function-url"
    ALB = "alb"
    SQS = "sqs"
    SNS = "sns"
    S3 = "s3"
    EVENTBRIDGE = "eventbridge"
    KINESIS = "kinesis"
    DYNAMODB_STREAM = "dynamodb-stream"
    AZURE_HTTP = "azure-http"
    GCP_HTTP = "gcp-http"
    UNKNOWN = "unknown"

    @property
    def is_http(self) -> bool:
        """True for kinds answered with an HTTP response."""
        return self in _HTTP_KINDS

    @property
    def is_batch(self) -> bool:
        """True for kinds that support a partial batch response (batchItemFailures)."""
        return self in _BATCH_KINDS


_HTTP_KINDS = frozenset(
    {
        EventKind.API_GATEWAY_REST,
        EventKind.API_GATEWAY_HTTP,
        EventKind.FUNCTION_URL,
        EventKind.ALB,
        EventKind.AZURE_HTTP,
        EventKind.GCP_HTTP,
    }
)
_BATCH_KINDS = frozenset({EventKind.SQS, EventKind.KINESIS, EventKind.DYNAMODB_STREAM})


class Mode(enum.Enum):
    """What a check does when it matches: reject the event, or only log an alert."""

    BLOCK = "block"
    ALERT = "alert"


class _Unset:
    __slots__ = ()


_UNSET: Any = _Unset()


@dataclass(slots=True)
class Request:
    """A normalised view of one event (one per record for batch events).

    ``headers`` has lower-cased names, multi-value headers joined with ``", "``. ``body`` is
    already base64-decoded when the event said ``isBase64Encoded``. ``claims`` is filled by
    authentication checks. ``alerts`` collects violations found by checks in alert mode (the
    decorator logs them with outcome ``alert`` and lets the event through). ``context`` is the
    Lambda context object (or the platform's equivalent) when one was given. ``record_id`` is the
    identifier a partial batch response names (SQS messageId, stream sequence number). ``parsed``
    holds what validation checks produced, by part (``parsed["body"]`` is the pydantic model).
    """

    kind: EventKind
    raw: Any
    method: str | None = None
    path: str | None = None
    headers: dict[str, str] = field(default_factory=dict)
    query: dict[str, list[str]] = field(default_factory=dict)
    path_params: dict[str, str] = field(default_factory=dict)
    cookies: dict[str, str] = field(default_factory=dict)
    body: bytes | None = None
    source_ip: str | None = None
    principal: str | None = None
    request_id: str | None = None
    claims: dict[str, Any] = field(default_factory=dict)
    context: Any = None
    record_id: str | None = None
    alerts: list[GuardViolation] = field(default_factory=list)
    parsed: dict[str, Any] = field(default_factory=dict)
    _json_cache: Any = field(default=_UNSET, repr=False, compare=False)

    def header(self, name: str, default: str | None = None) -> str | None:
        """One header by case-insensitive name."""
        return self.headers.get(name.lower(), default)

    def text(self) -> str:
        """The body decoded as UTF-8; an empty string when there is no body."""
        if self.body is None:
            return ""
        try:
            return self.body.decode("utf-8")
        except UnicodeDecodeError:
            raise GuardViolation(400, "body.encoding", "body is not valid UTF-8") from None

    def json(self) -> Any:
        """The body parsed as JSON, once (cached). Invalid JSON raises ``body.json``."""
        if self._json_cache is _UNSET:
            text = self.text()
            try:
                self._json_cache = _json.loads(text)
            except (ValueError, RecursionError):
                raise GuardViolation(400, "body.json", "body is not valid JSON") from None
        return self._json_cache

    def alert(self, violation: GuardViolation) -> None:
        """Record a finding without rejecting (a check in alert mode calls this)."""
        self.alerts.append(violation)


class Check(Protocol):
    """A check: raises :class:`GuardViolation` to reject, may fill ``request.claims``."""

    name: str

    def __call__(self, request: Request) -> None: ...


def check_name(check: Callable[[Request], None]) -> str:
    """The name a check is logged under: its ``name`` attribute, else its function name."""
    name = getattr(check, "name", None)
    if isinstance(name, str) and name:
        return name
    fn_name = getattr(check, "__name__", None)
    if isinstance(fn_name, str):
        return fn_name
    return type(check).__name__


_Normalizer = Callable[[Any, Any], list[Request]]
_aws_normalize: _Normalizer | None = None


def normalize(event: Any, context: Any | None = None) -> list[Request]:
    """Normalise an event into requests: one for HTTP and single events, one per batch record.

    Malformed events raise :class:`GuardViolation` (400, ``event.malformed`` or
    ``body.encoding``). Events of an unknown shape give one request of kind ``UNKNOWN``.
    """
    global _aws_normalize
    if _aws_normalize is None:
        from faasguard.guard.adapters.aws import normalize_aws

        _aws_normalize = normalize_aws
    return _aws_normalize(event, context)
