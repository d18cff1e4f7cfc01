"""API routes whose integration names no function of the configuration (a variable, a module
output, an integration resource the loader could not read), linked through the invoke
permission that lets API Gateway call a function instead.

Such a permission is an `aws_lambda_permission` with principal ``apigateway.amazonaws.com`` and
a ``source_arn`` built from the API (``"${aws_apigatewayv2_api.x.execution_arn}/*/GET/orders"``).
The part after the API, ``/<stage>/<METHOD>/<path>`` with ``*`` wildcards, is matched against
each route's method and path; a route is linked only when the permissions of exactly one
function match it, so a permission for ``/*/*`` links the routes of an API that one function
serves and leaves alone an API shared by several.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from fnmatch import fnmatchcase

from faasguard.loaders.terraform.state import State
from faasguard.model.app import Trigger
from faasguard.model.values import Unresolved

APIGATEWAY = "apigateway.amazonaws.com"
_PLACEHOLDER = re.compile(r"\$\{[^}]*\}")


def link_by_permissions(state: State) -> None:
    grants = list(_grants(state))
    if not grants:
        return
    for trigger in state.app.triggers:
        if trigger.function is not None or trigger.api is None or not trigger.kind.is_http:
            continue
        route = _route(trigger)
        functions = {
            fn for api, pattern, fn in grants if api == trigger.api and _match(pattern, route)
        }
        if len(functions) == 1:
            fn_id = functions.pop()
            trigger.function = fn_id
            state.app.functions[fn_id].triggers.append(trigger)


def _grants(state: State) -> Iterator[tuple[str, str, str]]:
    """(API id, ARN pattern after the API, function id) of each API Gateway invoke permission."""
    for permission in state.app.permissions:
        source = permission.source_arn
        if not permission.principal.is_(APIGATEWAY) or source is None:
            continue
        fn_id = state.function_of(permission.function)
        if fn_id is None or not isinstance(source.value, Unresolved):
            continue
        for api in state.targets(source):
            if api not in state.app.apis:
                continue
            tail = _tail(source.value.text, api)
            if tail is not None:
                yield api, tail, fn_id


def _tail(text: str, api: str) -> str | None:
    """``/*/GET/orders`` of ``${aws_apigatewayv2_api.x.execution_arn}/*/GET/orders`` as a
    glob (other placeholders become ``*``); None when the ARN does not go past the API."""
    found = re.search(r"\$\{" + re.escape(api) + r"\.\w+\}(/.*)$", text)
    if found is None:
        return None
    return _PLACEHOLDER.sub("*", found.group(1)).lstrip("/")


def _route(trigger: Trigger) -> tuple[str | None, str]:
    """Method and path as they appear in an execute-api ARN; unknown parts as ``*``, which
    only a wildcard in the permission matches."""
    method = trigger.method
    path = (trigger.path or "*").lstrip("/") if method else (trigger.path or "*")
    return ("*" if method == "ANY" else method), path


def _match(pattern: str, route: tuple[str | None, str]) -> bool:
    stage = pattern.split("/", 1)[0]
    method, path = route
    candidate = f"{stage}/{method}/{path}" if method else f"{stage}/{path}"
    return fnmatchcase(candidate, pattern)


__all__ = ["link_by_permissions"]
