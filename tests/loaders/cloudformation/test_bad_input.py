"""Templates that are wrong in places: each problem is reported where it is, the rest loads."""

from __future__ import annotations

import pytest

from faasguard.core.location import Location
from faasguard.loaders.cloudformation import registry
from faasguard.model import AuthKind, ResourceKind, Unresolved
from tests.loaders.cloudformation.helpers import load


def test_unknown_tag_is_reported_at_the_value_and_unresolved() -> None:
    loaded = load(
        """
        Resources:
          Fn:
            Type: AWS::Lambda::Function
            Properties:
              Runtime: !Python3 yes
              Handler: app.handler
        """
    )
    fn = loaded.app.functions["Fn"]
    assert fn.runtime is not None and isinstance(fn.runtime.value, Unresolved)
    assert fn.handler is not None and fn.handler.value == "app.handler"
    assert loaded.problem_at("unknown tag !Python3").start_line == loaded.line("!Python3")


def test_unknown_intrinsic_is_reported_at_its_key() -> None:
    loaded = load(
        """
        Resources:
          Fn:
            Type: AWS::Lambda::Function
            Properties:
              Handler: {"Fn::Magic": [a, b]}
        """
    )
    handler = loaded.app.functions["Fn"].handler
    assert handler is not None and isinstance(handler.value, Unresolved)
    location = loaded.problem_at("unknown intrinsic function Fn::Magic")
    assert (location.start_line, location.start_column) == loaded.at('"Fn::Magic"')


@pytest.mark.parametrize(
    ("expr", "fragment"),
    [
        ("!Ref Nothing", "Ref to 'Nothing'"),
        ("!GetAtt Nothing.Arn", "Fn::GetAtt of 'Nothing'"),
        ("{'Fn::GetAtt': 5}", "Fn::GetAtt needs"),
        ("!Sub [[a], {}]", "Fn::Sub needs a string"),
        ("!Join [only-one]", "Fn::Join needs"),
        ("!If [Undefined, a, b]", "condition 'Undefined' is not defined"),
        ("!Ref [a, b]", "Ref needs the name"),
    ],
)
def test_bad_intrinsics_are_reported_and_unresolved(expr: str, fragment: str) -> None:
    loaded = load(
        f"""
        Resources:
          Fn:
            Type: AWS::Lambda::Function
            Properties:
              Environment:
                Variables:
                  X: {expr}
        """
    )
    value = loaded.app.functions["Fn"].environment["X"].value
    assert isinstance(value.value, Unresolved)
    assert loaded.problem_at(fragment).start_line == loaded.line("X: ")


def test_condition_cycles_are_reported_not_looped() -> None:
    loaded = load(
        """
        Conditions:
          A: !Condition B
          B: !Not [!Condition A]
        Resources:
          Fn:
            Type: AWS::Lambda::Function
            Properties:
              Handler: !If [A, x, y]
        """
    )
    handler = loaded.app.functions["Fn"].handler
    assert handler is not None and isinstance(handler.value, Unresolved)
    assert any("depends on itself" in message for message in loaded.messages())


def test_deeply_nested_intrinsics_are_cut_off() -> None:
    expr = "a"
    for _ in range(100):
        expr = "{'Fn::Base64': " + expr + "}"
    loaded = load(
        f"""
        Resources:
          Fn:
            Type: AWS::Lambda::Function
            Properties:
              Handler: {expr}
        """
    )
    handler = loaded.app.functions["Fn"].handler
    assert handler is not None and isinstance(handler.value, Unresolved)
    assert any("nested deeper than" in message for message in loaded.messages())


def test_wrong_shapes_are_reported_and_the_rest_still_loads() -> None:
    loaded = load(
        """
        Resources:
          NotAMap: just a string
          NoType:
            Properties: {}
          ListProps:
            Type: AWS::SQS::Queue
            Properties: [a, b]
          Fn:
            Type: AWS::Serverless::Function
            Properties:
              Timeout: soon
              Environment: [A, B]
              VpcConfig: sg-123
              Policies: 42
              FunctionUrlConfig: NONE
              Events:
                Listed: [Type, Api]
          Api:
            Type: AWS::Serverless::Api
            Properties:
              StageName: prod
              Auth: AWS_IAM
          Good:
            Type: AWS::SQS::Queue
        """
    )
    messages = loaded.messages()
    expected = [
        ("resource NotAMap should be a map", "just a string"),
        ("resource NoType has no Type", "NoType:"),
        ("Properties of ListProps should be a map", "[a, b]"),
        ("expected a whole number, found soon", "soon"),
        ("Environment should be a map", "[A, B]"),
        ("VpcConfig should be a map", "sg-123"),
        ("FunctionUrlConfig should be a map", "NONE"),
        ("event Listed should be a map", "[Type, Api]"),
        ("Auth should be a map", "AWS_IAM"),
        ("a Policies item should be", "42"),
    ]
    for fragment, needle in expected:
        assert loaded.problem_at(fragment).start_line == loaded.line(needle), messages
    app = loaded.app
    assert set(app.resources) == {"ListProps", "Good"}
    fn = app.functions["Fn"]
    assert fn.timeout is not None and isinstance(fn.timeout.value, Unresolved)
    assert fn.environment == {} and fn.vpc is None and fn.url is None
    assert 42 not in [p.value for p in app.roles["FnRole"].managed_policies]


def test_template_without_resources_map() -> None:
    loaded = load("AWSTemplateFormatVersion: '2010-09-09'\nResources: [a]\n")
    assert loaded.app.functions == {} and loaded.app.resources == {}
    assert loaded.problem_at("no Resources map").start_line == 2


def test_bad_sections_are_reported() -> None:
    loaded = load(
        """
        Parameters: [a]
        Globals: yes please
        Resources:
          Fn::ForEach::Topics:
            - Name
            - [a, b]
            - Topic${Name}: {Type: AWS::SNS::Topic}
          Queue: {Type: AWS::SQS::Queue}
        """
    )
    assert loaded.problem_at("Parameters should be a map").start_line == 1
    assert loaded.problem_at("Globals should be a map").start_line == 2
    assert loaded.problem_at("Fn::ForEach::Topics is expanded at deploy time").start_line == 4
    assert set(loaded.app.resources) == {"Queue"}


def test_parameter_of_the_wrong_shape() -> None:
    loaded = load(
        """
        Parameters:
          Broken: just text
          Fine: {Type: String, Default: x, NoEcho: true}
        Resources: {}
        """
    )
    assert set(loaded.app.parameters) == {"Fine"}
    no_echo = loaded.app.parameters["Fine"].no_echo
    assert no_echo is not None and no_echo.value is True
    assert loaded.problem_at("parameter Broken should be a map").start_line == 2


def test_a_loader_failure_is_reported_for_its_resource_only(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def explode(*_: object) -> None:
        raise KeyError("surprise")

    table = dict(registry.HANDLERS[registry.Phase.PRIMARY])
    table["AWS::SQS::Queue"] = explode
    monkeypatch.setitem(registry.HANDLERS, registry.Phase.PRIMARY, table)
    loaded = load(
        """
        Resources:
          Queue: {Type: AWS::SQS::Queue}
          Topic: {Type: AWS::SNS::Topic}
        """
    )
    location = loaded.problem_at("could not read Queue")
    assert location == Location("template.yaml", 2, 3, 2, 8)
    assert loaded.app.resources["Topic"].kind is ResourceKind.TOPIC


def test_authorizer_on_an_api_without_auth_is_unknown() -> None:
    loaded = load(
        """
        Resources:
          Fn:
            Type: AWS::Serverless::Function
            Properties:
              Events:
                Get:
                  Type: Api
                  Properties: {Path: /, Method: GET, Auth: {Authorizer: Ghost}}
        """
    )
    [trigger] = loaded.app.functions["Fn"].triggers
    assert trigger.auth is not None and trigger.auth.kind is AuthKind.UNKNOWN
    assert loaded.problem_at("'Ghost' is not defined on ServerlessRestApi")
