"""Powertools for AWS Lambda integration, without importing Powertools here.

Two shapes:

* :func:`handler_middleware` returns a function with the ``(handler, event, context, **kwargs)``
  signature that Powertools' ``@lambda_handler_decorator`` turns into a handler decorator;
  :func:`powertools_decorator` does that wrapping for you (importing Powertools only then).
* :func:`resolver_middleware` returns an event-handler middleware
  ``(app, next_middleware) -> Response`` for ``APIGatewayRestResolver``,
  ``APIGatewayHttpResolver``, ``LambdaFunctionUrlResolver`` and ``ALBResolver``: rejected
  requests get a Powertools ``Response`` with the neutral body; accepted ones continue, with the
  normalised request in ``app.context["faasguard_request"]`` (claims, parsed models).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from faasguard.guard._request import Request
from faasguard.guard.adapters.aws import normalize_aws
from faasguard.guard.decorator import CheckFn, Guard, guard
from faasguard.guard.errors import GuardViolation
from faasguard.guard.responses import reject_response

__all__ = ["handler_middleware", "powertools_decorator", "resolver_middleware"]


def handler_middleware(*checks: CheckFn, **options: Any) -> Callable[..., Any]:
    """A ``lambda_handler_decorator`` middleware running the guard; ``options`` as in guard()."""
    engine = guard(*checks, **options)

    def faasguard_middleware(
        handler: Callable[..., Any], event: Any, context: Any, **kwargs: Any
    ) -> Any:
        return engine.handle(handler, event, context)

    faasguard_middleware.__faasguard__ = engine  # type: ignore[attr-defined]
    return faasguard_middleware


def powertools_decorator(*checks: CheckFn, **options: Any) -> Callable[..., Any]:
    """``lambda_handler_decorator(handler_middleware(...))``; needs aws-lambda-powertools."""
    from aws_lambda_powertools.middleware_factory import lambda_handler_decorator

    decorator: Callable[..., Any] = lambda_handler_decorator(handler_middleware(*checks, **options))
    return decorator


def _powertools_response(violation: GuardViolation) -> Any:
    from aws_lambda_powertools.event_handler import Response

    neutral = reject_response(violation)
    headers = {k: v for k, v in neutral.headers.items() if k != "content-type"}
    return Response(
        status_code=neutral.status,
        content_type="application/json",
        body=neutral.body,
        headers=headers,
    )


def resolver_middleware(
    *checks: CheckFn,
    response_factory: Callable[[GuardViolation], Any] | None = None,
    **options: Any,
) -> Callable[[Any, Callable[[Any], Any]], Any]:
    """An event-handler middleware for Powertools resolvers; ``options`` as in guard()."""
    engine: Guard = guard(*checks, **options)
    respond = response_factory or _powertools_response

    def faasguard_resolver_middleware(app: Any, next_middleware: Callable[[Any], Any]) -> Any:
        event = app.current_event.raw_event
        context = getattr(app, "lambda_context", None)
        try:
            request: Request = normalize_aws(event, context)[0]
        except GuardViolation as violation:
            from faasguard.guard._request import EventKind

            engine.reject(Request(kind=EventKind.UNKNOWN, raw=event), violation, "normalize")
            return respond(violation)
        decision = engine.evaluate(request)
        if not decision.allowed and decision.violation is not None:
            return respond(decision.violation)
        app.append_context(faasguard_request=request)
        return engine.call(next_middleware, (request,), app)

    faasguard_resolver_middleware.__faasguard__ = engine  # type: ignore[attr-defined]
    return faasguard_resolver_middleware
