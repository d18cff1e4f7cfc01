"""Small builders for hand-made application models in rule unit tests."""

from __future__ import annotations

from typing import Any

from faasguard.core.location import Location
from faasguard.core.rule import Hit, Rule, RuleContext
from faasguard.model import (
    App,
    Auth,
    AuthKind,
    Function,
    Principal,
    Resource,
    ResourceKind,
    Role,
    SourceFormat,
    Statement,
    Trigger,
    TriggerKind,
    V,
)

PATH = "template.yaml"


def at(line: int, column: int = 1) -> Location:
    return Location(PATH, line, column)


def v(value: Any, line: int = 1) -> V[Any]:
    return V(value, at(line))


def app(**parts: Any) -> App:
    result = App(SourceFormat.CLOUDFORMATION, PATH)
    for key, value in parts.items():
        setattr(result, key, value)
    return result


def function(fid: str, *triggers: Trigger, role: str | None = None, line: int = 1) -> Function:
    return Function(
        id=fid,
        name=fid,
        loc=at(line),
        resource_type="AWS::Serverless::Function",
        role=role,
        triggers=list(triggers),
    )


def http(
    kind: TriggerKind = TriggerKind.HTTP_API,
    auth: AuthKind | None = AuthKind.NONE,
    *,
    public: bool | None = True,
    path: str = "/orders",
    method: str = "GET",
    function: str | None = "Fn",
    api: str | None = "Api",
    authorizer: str | None = None,
    api_key: bool = False,
    line: int = 10,
) -> Trigger:
    return Trigger(
        kind=kind,
        loc=at(line),
        name=f"{method} {path}",
        function=function,
        api=api,
        method=method,
        path=path,
        auth=None
        if auth is None
        else Auth(auth, at(line + 1), authorizer=authorizer, api_key_required=api_key),
        public=public,
    )


def event(kind: TriggerKind, source: V[Any] | None = None, function: str = "Fn") -> Trigger:
    return Trigger(
        kind=kind, loc=at(30), name=kind.value, function=function, public=False, source=source
    )


def statement(
    actions: list[str] | None = None,
    resources: list[str] | None = None,
    *,
    effect: str = "Allow",
    principals: list[tuple[str, str]] | None = None,
    conditions: dict[str, dict[str, list[Any]]] | None = None,
    line: int = 40,
    origin: str = "inline policy test",
) -> Statement:
    result = Statement(loc=at(line), effect=v(effect, line), origin=origin)
    result.actions = [v(a, line + 1) for a in actions or []]
    result.resources = [v(r, line + 2) for r in resources or []]
    if principals is not None:
        result.principals = [Principal(kind, v(value, line + 3)) for kind, value in principals]
    for operator, block in (conditions or {}).items():
        result.conditions[operator] = {
            key: [x if isinstance(x, V) else v(x, line + 4) for x in values]
            for key, values in block.items()
        }
    return result


def role(rid: str, *statements: Statement, functions: list[str] | None = None, **kw: Any) -> Role:
    return Role(id=rid, loc=at(50), statements=list(statements), functions=functions or [], **kw)


def resource(rid: str, kind: ResourceKind, **kw: Any) -> Resource:
    return Resource(id=rid, type=kind.value, kind=kind, loc=at(60), **kw)


def hits(rule: Rule, model: App, **options: Any) -> list[Hit]:
    return list(rule.check(model, RuleContext(options={**rule.options, **options})))


def lines(found: list[Hit]) -> list[int]:
    return [h.location.start_line for h in found]
