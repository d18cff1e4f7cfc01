"""Helpers shared by the HTTP adapters: the guarded call for a platform request object."""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable
from typing import Any

from faasguard.guard._request import Request
from faasguard.guard.decorator import Guard
from faasguard.guard.responses import RejectResponse, reject_response

__all__ = ["forwarded_ip", "guarded_http"]


def forwarded_ip(header: str | None, trusted_hops: int) -> str | None:
    """The client IP from ``X-Forwarded-For``: the entry ``trusted_hops`` from the right.

    The right-most entries are added by the platform's own proxies; the left-most can be
    anything a client sent. Ports (``1.2.3.4:5678``, ``[::1]:80``) are removed.
    """
    if not header:
        return None
    parts = [p.strip() for p in header.split(",") if p.strip()]
    if len(parts) <= trusted_hops:
        return None
    entry = parts[-1 - trusted_hops]
    if entry.startswith("["):
        return entry[1 : entry.find("]")] if "]" in entry else entry
    if entry.count(":") == 1:
        return entry.split(":", 1)[0]
    return entry


def guarded_http(
    handler: Callable[..., Any],
    engine: Guard,
    find_request: Callable[[tuple[Any, ...], dict[str, Any]], Request],
    respond: Callable[[RejectResponse], Any],
) -> Callable[..., Any]:
    """Wrap a platform HTTP handler (sync or async) with ``engine``'s checks."""

    def decide(args: tuple[Any, ...], kwargs: dict[str, Any]) -> tuple[Request, Any]:
        try:
            request = find_request(args, kwargs)
        except Exception as exc:  # fail closed on an unreadable request
            from faasguard.guard._request import EventKind
            from faasguard.guard.errors import GuardViolation

            stub = Request(kind=EventKind.UNKNOWN, raw=None)
            violation = GuardViolation(400, "event.malformed", type(exc).__name__)
            engine.reject(stub, violation, "normalize")
            return stub, respond(reject_response(violation))
        decision = engine.evaluate(request)
        if decision.violation is not None and not decision.allowed:
            return request, respond(reject_response(decision.violation))
        return request, None

    if inspect.iscoroutinefunction(handler):

        @functools.wraps(handler)
        async def async_guarded(*args: Any, **kwargs: Any) -> Any:
            request, rejected = decide(args, kwargs)
            if rejected is not None:
                return rejected
            return await engine.acall(handler, (request,), *args, **kwargs)

        return async_guarded

    @functools.wraps(handler)
    def guarded(*args: Any, **kwargs: Any) -> Any:
        request, rejected = decide(args, kwargs)
        if rejected is not None:
            return rejected
        return engine.call(handler, (request,), *args, **kwargs)

    return guarded
