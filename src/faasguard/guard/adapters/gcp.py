"""Google Cloud Functions (Functions Framework) HTTP handlers: ``@gcp_guard(...)``.

The handler receives a Flask ``Request``; it is read by duck typing (``method``, ``path``,
``headers``, ``args``, ``cookies``, ``get_data()``), so neither Flask nor functions-framework is
imported. A rejection is returned as a ``(body, status, headers)`` tuple, which Flask accepts.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from faasguard.guard._request import EventKind, Request
from faasguard.guard.adapters._http import forwarded_ip, guarded_http
from faasguard.guard.decorator import CheckFn, guard
from faasguard.guard.responses import RejectResponse

__all__ = ["gcp_guard", "gcp_request"]


def _query(args: Any) -> dict[str, list[str]]:
    if args is None:
        return {}
    lists = getattr(args, "lists", None)
    if callable(lists):
        return {str(k): [str(v) for v in values] for k, values in lists()}
    return {str(k): [str(v)] for k, v in dict(args).items()}


def gcp_request(req: Any, *, trusted_hops: int = 0) -> Request:
    """Normalise a Flask request as the Functions Framework passes it."""
    headers = {str(k).lower(): str(v) for k, v in req.headers.items()}
    ip = forwarded_ip(headers.get("x-forwarded-for"), trusted_hops)
    trace = headers.get("x-cloud-trace-context", "").split("/", 1)[0] or None
    return Request(
        kind=EventKind.GCP_HTTP,
        raw=req,
        method=str(req.method).upper(),
        path=str(req.path or "/"),
        headers=headers,
        query=_query(getattr(req, "args", None)),
        path_params={},
        cookies={str(k): str(v) for k, v in dict(getattr(req, "cookies", None) or {}).items()},
        body=req.get_data() or None,
        source_ip=ip or getattr(req, "remote_addr", None),
        request_id=headers.get("function-execution-id") or trace,
    )


def _tuple_response(reject: RejectResponse) -> Any:
    return reject.body, reject.status, dict(reject.headers)


def gcp_guard(
    *checks: CheckFn,
    response_factory: Callable[[RejectResponse], Any] | None = None,
    trusted_hops: int = 0,
    **options: Any,
) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Decorate a Functions Framework HTTP handler; ``options`` are those of :func:`guard`."""
    engine = guard(*checks, **options)
    respond = response_factory or _tuple_response

    def find(args: tuple[Any, ...], kwargs: dict[str, Any]) -> Request:
        candidates = list(args) + list(kwargs.values())
        req = next((c for c in candidates if hasattr(c, "get_data")), None)
        if req is None:
            raise TypeError("no request argument")
        return gcp_request(req, trusted_hops=trusted_hops)

    def decorate(handler: Callable[..., Any]) -> Callable[..., Any]:
        return guarded_http(handler, engine, find, respond)

    return decorate
