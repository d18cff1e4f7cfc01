"""Azure Functions HTTP triggers: ``@azure_guard(...)`` on ``def main(req) -> HttpResponse``.

The request is read by duck typing (``method``, ``url``, ``headers``, ``params``,
``route_params``, ``get_body()``), so ``azure-functions`` is not imported unless the default
response factory is used. The wrapper keeps the handler's signature (``functools.wraps``) so the
Functions worker still binds ``req`` and ``context`` by name; async handlers are supported.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping
from typing import Any

from faasguard.guard._request import EventKind, Request
from faasguard.guard.adapters._http import forwarded_ip, guarded_http
from faasguard.guard.adapters.aws import parse_cookies, parse_qs
from faasguard.guard.decorator import CheckFn, guard
from faasguard.guard.responses import RejectResponse

__all__ = ["azure_guard", "azure_request"]


def _is_http_request(value: Any) -> bool:
    return hasattr(value, "get_body") and hasattr(value, "method") and hasattr(value, "url")


def azure_request(
    req: Any, context: Any = None, *, trusted_hops: int = 0, trust_easyauth: bool = False
) -> Request:
    """Normalise an ``azure.functions.HttpRequest``.

    ``trust_easyauth``: take the principal from ``X-MS-CLIENT-PRINCIPAL-ID``, which App Service
    Authentication sets and strips from client requests. Only enable it when that is on.
    """
    headers = {str(k).lower(): str(v) for k, v in dict(req.headers).items()}
    from urllib.parse import urlsplit

    split = urlsplit(str(req.url))
    query = parse_qs(split.query)
    if not query:
        query = {str(k): [str(v)] for k, v in dict(req.params or {}).items()}
    route: Mapping[str, Any] = req.route_params or {}
    principal = headers.get("x-ms-client-principal-id") if trust_easyauth else None
    invocation = getattr(context, "invocation_id", None)
    return Request(
        kind=EventKind.AZURE_HTTP,
        raw=req,
        method=str(req.method).upper(),
        path=split.path or "/",
        headers=headers,
        query=query,
        path_params={str(k): str(v) for k, v in route.items()},
        cookies=parse_cookies([headers["cookie"]]) if "cookie" in headers else {},
        body=req.get_body() or None,
        source_ip=forwarded_ip(headers.get("x-forwarded-for"), trusted_hops),
        principal=principal,
        request_id=invocation if isinstance(invocation, str) else None,
        context=context,
    )


def _default_response(reject: RejectResponse) -> Any:
    func = importlib.import_module("azure.functions")  # only when no factory was given
    return func.HttpResponse(
        body=reject.body,
        status_code=reject.status,
        headers={k: v for k, v in reject.headers.items() if k != "content-type"},
        mimetype="application/json",
        charset="utf-8",
    )


def azure_guard(
    *checks: CheckFn,
    response_factory: Callable[[RejectResponse], Any] | None = None,
    trusted_hops: int = 0,
    trust_easyauth: bool = False,
    **options: Any,
) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Decorate an Azure Functions HTTP handler; ``options`` are those of :func:`guard`."""
    engine = guard(*checks, **options)
    respond = response_factory or _default_response

    def find(args: tuple[Any, ...], kwargs: dict[str, Any]) -> Request:
        candidates = list(args) + list(kwargs.values())
        req = next((c for c in candidates if _is_http_request(c)), None)
        if req is None:
            raise TypeError("no HttpRequest argument")
        context = kwargs.get("context") or next(
            (c for c in candidates if hasattr(c, "invocation_id")), None
        )
        return azure_request(req, context, trusted_hops=trusted_hops, trust_easyauth=trust_easyauth)

    def decorate(handler: Callable[..., Any]) -> Callable[..., Any]:
        return guarded_http(handler, engine, find, respond)

    return decorate
