"""IAC001-IAC005 on hand-built models."""

from __future__ import annotations

from faasguard.core.enums import Confidence, Severity
from faasguard.model import (
    Api,
    ApiKind,
    Auth,
    AuthKind,
    Authorizer,
    FunctionUrl,
    Permission,
    Ref,
    TriggerKind,
    Unresolved,
    V,
)
from faasguard.rules.iac import (
    api_key_only_protection,
    authorizer_never_attached,
    function_invoke_open_to_any_principal,
    function_url_without_auth,
    http_route_without_auth,
)
from tests.rules.iac.builders import app, at, function, hits, http, lines, v

IAC001 = http_route_without_auth.RULE
IAC002 = function_url_without_auth.RULE
IAC003 = function_invoke_open_to_any_principal.RULE
IAC004 = authorizer_never_attached.RULE
IAC005 = api_key_only_protection.RULE


def test_route_without_auth_reported_at_auth_location() -> None:
    route = http(line=10)
    found = hits(IAC001, app(triggers=[route]))
    assert lines(found) == [11]
    assert found[0].severity is Severity.HIGH
    assert "GET /orders" in found[0].message and "Fn" in found[0].message


def test_route_kinds_and_exemptions() -> None:
    model = app(
        triggers=[
            http(TriggerKind.REST_API, line=10),
            http(TriggerKind.ALB, line=20),
            http(auth=AuthKind.JWT, line=30),
            http(auth=AuthKind.IAM, line=40),
            http(method="OPTIONS", line=50),
            http(public=False, line=60),
            http(api_key=True, line=70),
            http(auth=AuthKind.API_KEY, line=80),
            http(auth=AuthKind.UNKNOWN, line=90),
            http(TriggerKind.FUNCTION_URL, line=100),
        ]
    )
    assert lines(hits(IAC001, model)) == [11, 21]


def test_websocket_only_connect_route() -> None:
    connect = http(TriggerKind.WEBSOCKET, path="$connect", method="", line=10)
    message = http(TriggerKind.WEBSOCKET, path="sendMessage", method="", line=20)
    assert lines(hits(IAC001, app(triggers=[connect, message]))) == [11]


def test_unknown_exposure_lowers_severity_and_confidence() -> None:
    found = hits(IAC001, app(triggers=[http(public=None)]))
    assert found[0].severity is Severity.MEDIUM
    assert found[0].confidence is Confidence.MEDIUM


def test_admin_path_raises_severity() -> None:
    found = hits(IAC001, app(triggers=[http(path="/admin/refunds")]))
    assert found[0].severity is Severity.CRITICAL
    custom = hits(IAC001, app(triggers=[http(path="/orders")]), **{"sensitive-path-pattern": "ord"})
    assert custom[0].severity is Severity.CRITICAL


def test_triggers_held_only_by_functions_are_checked_once() -> None:
    route = http()
    model = app(triggers=[route], functions={"Fn": function("Fn", route)})
    assert len(hits(IAC001, model)) == 1


def test_function_url_auth_type() -> None:
    none = function("Open")
    none.url = FunctionUrl(at(5), auth_type=v("NONE", 6))
    iam = function("Closed")
    iam.url = FunctionUrl(at(8), auth_type=v("AWS_IAM", 9))
    unknown = function("Unknown")
    unknown.url = FunctionUrl(at(11), auth_type=V(Unresolved("${AuthType}"), at(12)))
    absent = function("Absent")
    absent.url = FunctionUrl(at(14), auth_type=None)
    model = app(functions={f.id: f for f in (none, iam, unknown, absent)})
    found = hits(IAC002, model)
    assert lines(found) == [6]
    assert found[0].resource == "Open"


def _permission(line: int, principal: str = "*", **kw: V[str]) -> Permission:
    return Permission(
        id=f"Perm{line}",
        loc=at(line),
        function=V(Ref("Fn"), at(line)),
        principal=v(principal, line + 1),
        **kw,
    )


def test_invoke_permission_principal_star() -> None:
    model = app(
        functions={"Fn": function("Fn")},
        permissions=[
            _permission(10),
            _permission(20, source_arn=v("arn:aws:events:eu-west-1:1:rule/x", 22)),
            _permission(30, source_account=V(Ref("AWS::AccountId"), at(32))),
            _permission(40, principal_org_id=v("o-abc", 42)),
            _permission(50, principal="events.amazonaws.com"),
            _permission(60, source_arn=v("*", 62)),
            _permission(
                70,
                action=v("lambda:InvokeFunctionUrl", 72),
                function_url_auth_type=v("NONE", 73),
            ),
            _permission(
                80,
                action=v("lambda:InvokeFunctionUrl", 82),
                function_url_auth_type=v("AWS_IAM", 83),
            ),
        ],
    )
    found = hits(IAC003, model)
    assert lines(found) == [11, 61, 81]
    assert found[0].function == "Fn" and "Perm10" in found[0].message


def _api_with_authorizers(default: Auth | None = None) -> Api:
    return Api(
        id="Api",
        kind=ApiKind.HTTP,
        loc=at(1),
        authorizers={
            "Jwt": Authorizer("Jwt", AuthKind.JWT, at(3)),
            "Lambda": Authorizer("Lambda", AuthKind.LAMBDA, at(5)),
        },
        default_auth=default,
    )


def test_authorizer_never_attached() -> None:
    model = app(
        apis={"Api": _api_with_authorizers()},
        triggers=[http(auth=AuthKind.JWT, authorizer="jwt"), http(line=20)],
    )
    found = hits(IAC004, model)
    assert lines(found) == [5]
    assert "Lambda" in found[0].message


def test_default_authorizer_counts_when_routes_inherit_it() -> None:
    default = Auth(AuthKind.LAMBDA, at(2), authorizer="Lambda")
    model = app(
        apis={"Api": _api_with_authorizers(default)},
        triggers=[http(auth=AuthKind.JWT, authorizer="Jwt"), http(auth=AuthKind.LAMBDA)],
    )
    assert hits(IAC004, model) == []


def test_authorizer_check_skips_unknowable_apis() -> None:
    no_routes = app(apis={"Api": _api_with_authorizers()})
    unknown = app(apis={"Api": _api_with_authorizers()}, triggers=[http(auth=AuthKind.UNKNOWN)])
    other_api = app(apis={"Api": _api_with_authorizers()}, triggers=[http(api="Other")])
    assert hits(IAC004, no_routes) == hits(IAC004, unknown) == hits(IAC004, other_api) == []


def test_terraform_style_authorizer_ids() -> None:
    api = Api(
        id="aws_apigatewayv2_api.main",
        kind=ApiKind.HTTP,
        loc=at(1),
        authorizers={
            "aws_apigatewayv2_authorizer.jwt": Authorizer("jwt", AuthKind.JWT, at(3)),
        },
    )
    route = http(
        auth=AuthKind.JWT,
        api="aws_apigatewayv2_api.main",
        authorizer="aws_apigatewayv2_authorizer.jwt.id",
    )
    assert hits(IAC004, app(apis={api.id: api}, triggers=[route])) == []


def test_api_key_only() -> None:
    model = app(
        triggers=[
            http(auth=AuthKind.API_KEY, line=10),
            http(api_key=True, line=20),
            http(auth=AuthKind.COGNITO, api_key=True, line=30),
            http(auth=AuthKind.API_KEY, public=False, line=40),
            http(auth=AuthKind.NONE, line=50),
        ]
    )
    found = hits(IAC005, model)
    assert lines(found) == [11, 21]
    assert "API key only" in found[0].message
