"""HTTP answers for rejected events, in the shape each platform expects.

The body is always ``{"message": "<generic text for the status>"}``: no rule id, no detail, no
exception text. ``Retry-After`` is set (whole seconds, rounded up) when the violation carries one.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from typing import Any

from faasguard.guard._request import EventKind
from faasguard.guard.errors import GuardViolation

__all__ = ["REASONS", "RejectResponse", "batch_response", "http_response", "reject_response"]

REASONS: dict[int, str] = {
    400: "Bad Request",
    401: "Unauthorized",
    403: "Forbidden",
    404: "Not Found",
    405: "Method Not Allowed",
    413: "Payload Too Large",
    415: "Unsupported Media Type",
    429: "Too Many Requests",
    503: "Service Unavailable",
}

# The body for each status, encoded once: the answer never depends on the request.
_BODIES: dict[int, str] = {
    status: json.dumps({"message": text}) for status, text in REASONS.items()
}

_BASE_HEADERS = {
    "content-type": "application/json",
    "cache-control": "no-store",
    "x-content-type-options": "nosniff",
}


@dataclass(frozen=True, slots=True)
class RejectResponse:
    """A platform-neutral rejection: status, headers and the JSON body text."""

    status: int
    headers: dict[str, str]
    body: str

    @property
    def reason(self) -> str:
        return REASONS.get(self.status, "Forbidden")


def reject_response(violation: GuardViolation) -> RejectResponse:
    """The neutral answer for a violation (generic message, optional Retry-After)."""
    status = violation.status if violation.status in REASONS else 403
    headers = dict(_BASE_HEADERS)
    if violation.retry_after is not None and status in (429, 503):
        headers["retry-after"] = str(max(1, math.ceil(violation.retry_after)))
    body = _BODIES.get(status) or json.dumps({"message": REASONS[status]})
    return RejectResponse(status=status, headers=headers, body=body)


def http_response(kind: EventKind, violation: GuardViolation, event: Any = None) -> dict[str, Any]:
    """The Lambda proxy response for an AWS HTTP event kind.

    REST (payload v1), HTTP API (v2) and Function URL share ``statusCode/headers/body``. ALB adds
    ``statusDescription`` and, when the target group sends multi-value headers, must answer with
    ``multiValueHeaders`` instead of ``headers``.
    """
    neutral = reject_response(violation)
    response: dict[str, Any] = {
        "statusCode": neutral.status,
        "body": neutral.body,
        "isBase64Encoded": False,
    }
    if kind is EventKind.ALB:
        response["statusDescription"] = f"{neutral.status} {neutral.reason}"
        if isinstance(event, dict) and "multiValueHeaders" in event:
            response["multiValueHeaders"] = {k: [v] for k, v in neutral.headers.items()}
            return response
    response["headers"] = neutral.headers
    return response


def batch_response(
    failed_ids: list[str], handler_result: Any = None
) -> dict[str, list[dict[str, str]]] | Any:
    """A partial batch response naming ``failed_ids``, merged with the handler's own failures.

    When nothing failed the handler's result is returned unchanged.
    """
    if not failed_ids:
        return handler_result
    failures = [{"itemIdentifier": item} for item in failed_ids]
    if isinstance(handler_result, dict):
        own = handler_result.get("batchItemFailures")
        merged = dict(handler_result)
        merged["batchItemFailures"] = (list(own) if isinstance(own, list) else []) + failures
        return merged
    return {"batchItemFailures": failures}
