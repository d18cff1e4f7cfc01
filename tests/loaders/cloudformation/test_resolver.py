"""Intrinsic functions: what each resolves to, and where the value is said to come from."""

from __future__ import annotations

from typing import Any

import pytest

from faasguard.model import Ref, Unresolved, V
from tests.loaders.cloudformation.helpers import Loaded, load, where

HEADER = """
AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  Stage:
    Type: String
    Default: prod
  Secret:
    Type: String
  Subnets:
    Type: CommaDelimitedList
    Default: "subnet-a, subnet-b"
  FromSsm:
    Type: AWS::SSM::Parameter::Value<String>
    Default: /shop/db/password
Mappings:
  Sizes:
    prod:
      Memory: 1024
    dev:
      Memory: 128
Conditions:
  IsProd: !Equals [!Ref Stage, prod]
  IsDev: !Not [!Condition IsProd]
  HasSecret: !Equals [!Ref Secret, ""]
  ProdAndSecret: !And [!Condition IsProd, !Condition HasSecret]
  DevAndSecret: !And [!Condition IsDev, !Condition HasSecret]
  ProdOrSecret: !Or [!Condition IsProd, !Condition HasSecret]
Resources:
  Table:
    Type: AWS::DynamoDB::Table
  Fn:
    Type: AWS::Lambda::Function
    Properties:
      Environment:
        Variables:
          VALUE: {expr}
"""


def resolve(expr: str) -> tuple[V[Any], Loaded]:
    loaded = load(HEADER.replace("{expr}", expr))
    return loaded.app.functions["Fn"].environment["VALUE"].value, loaded


def value_of(expr: str) -> Any:
    value, loaded = resolve(expr)
    assert loaded.problems == [], loaded.messages()
    return value.value


def test_literal_keeps_its_place() -> None:
    value, loaded = resolve("hello")
    assert value.value == "hello"
    assert where(value) == loaded.at("hello")


def test_ref_to_a_parameter_is_its_default_located_at_the_default() -> None:
    value, loaded = resolve("!Ref Stage")
    assert value.value == "prod"
    assert where(value) == loaded.at("prod")


def test_ref_to_a_parameter_without_default_is_unresolved() -> None:
    value = value_of("!Ref Secret")
    assert isinstance(value, Unresolved)
    assert value.text == "${Secret}"


def test_list_parameter_default_is_split() -> None:
    assert value_of("!Ref Subnets") == ["subnet-a", "subnet-b"]


def test_ssm_parameter_type_is_unresolved_not_its_key() -> None:
    value = value_of("!Ref FromSsm")
    assert isinstance(value, Unresolved)
    assert value.text == "ssm:/shop/db/password"


def test_ref_to_a_resource_is_a_ref() -> None:
    assert value_of("!Ref Table") == Ref("Table")


@pytest.mark.parametrize("expr", ["!GetAtt Table.StreamArn", "!GetAtt [Table, StreamArn]"])
def test_getatt_both_forms(expr: str) -> None:
    assert value_of(expr) == Ref("Table", "StreamArn")


def test_pseudo_parameter_stays_unresolved() -> None:
    value = value_of("!Ref AWS::Region")
    assert isinstance(value, Unresolved)
    assert value.text == "${AWS::Region}"


def test_sub_with_parameters_only_is_a_literal() -> None:
    assert value_of("!Sub 'orders-${Stage}'") == "orders-prod"


def test_sub_with_a_resource_keeps_placeholders_and_refs() -> None:
    value = value_of("!Sub 'arn:aws:dynamodb:${AWS::Region}:1:table/${Table}/${Table.Arn}'")
    assert isinstance(value, Unresolved)
    assert value.text == "arn:aws:dynamodb:${AWS::Region}:1:table/${Table}/${Table.Arn}"
    assert value.refs == ("Table",)


def test_sub_of_exactly_one_resource_is_a_ref() -> None:
    assert value_of("!Sub '${Table.Arn}'") == Ref("Table", "Arn")


def test_sub_with_local_variables_and_escapes() -> None:
    expr = "!Sub ['${Name}-${!Literal}-${Stage}', {Name: !Ref Stage}]"
    assert value_of(expr) == "prod-${Literal}-prod"


def test_join_of_known_values() -> None:
    assert value_of("!Join [':', [a, !Ref Stage, 3]]") == "a:prod:3"


def test_join_with_a_reference_is_unresolved() -> None:
    value = value_of("!Join ['', ['arn:', !GetAtt Table.Arn, '/index/*']]")
    assert isinstance(value, Unresolved)
    assert value.text == "arn:${Table.Arn}/index/*"
    assert value.refs == ("Table",)


def test_select_keeps_the_selected_items_location() -> None:
    value, loaded = resolve("!Select [1, [first, second]]")
    assert value.value == "second"
    assert where(value) == loaded.at("second")


def test_select_from_split() -> None:
    assert value_of("!Select [2, !Split ['-', 'a-b-c']]") == "c"


def test_select_out_of_range_is_reported() -> None:
    value, loaded = resolve("!Select [5, [a]]")
    assert isinstance(value.value, Unresolved)
    assert "out of range" in loaded.messages()[0]


def test_if_with_a_condition_decided_by_defaults_picks_the_branch() -> None:
    assert value_of("!If [IsProd, big, small]") == "big"
    assert value_of("!If [IsDev, big, small]") == "small"


def test_if_with_an_undecidable_condition_is_unresolved_with_both_refs() -> None:
    value = value_of("!If [HasSecret, !Ref Table, none]")
    assert isinstance(value, Unresolved)
    assert value.refs == ("Table",)
    assert "HasSecret" in value.reason


@pytest.mark.parametrize(
    ("condition", "expected"),
    [
        ("ProdAndSecret", None),  # True and unknown
        ("DevAndSecret", False),  # False and unknown
        ("ProdOrSecret", True),  # True or unknown
    ],
)
def test_three_valued_condition_logic(condition: str, expected: bool | None) -> None:
    value = value_of(f"!If [{condition}, big, small]")
    if expected is None:
        assert isinstance(value, Unresolved)
    else:
        assert value == ("big" if expected else "small")


def test_condition_functions_as_values() -> None:
    assert value_of("!Equals [!Ref Stage, prod]") is True
    assert value_of("!Not [!Equals [a, a]]") is False


def test_find_in_map_keeps_the_mapping_location() -> None:
    value, loaded = resolve("!FindInMap [Sizes, !Ref Stage, Memory]")
    assert value.value == 1024
    assert where(value) == loaded.at("1024")


def test_find_in_map_with_a_pseudo_key_is_unresolved() -> None:
    value = value_of("!FindInMap [Sizes, !Ref AWS::Region, Memory]")
    assert isinstance(value, Unresolved)
    assert value.text == "FindInMap:Sizes/${AWS::Region}/Memory"


def test_find_in_map_missing_entry_is_reported() -> None:
    value, loaded = resolve("!FindInMap [Sizes, test, Memory]")
    assert isinstance(value.value, Unresolved)
    assert loaded.problem_at("no entry Sizes/test/Memory")


def test_import_value_is_unresolved_with_the_export_name() -> None:
    value = value_of("!ImportValue {'Fn::Sub': 'shared-${Stage}-key'}")
    assert isinstance(value, Unresolved)
    assert value.text == "ImportValue:shared-prod-key"


@pytest.mark.parametrize("expr", ["!GetAZs ''", "!Cidr [10.0.0.0/16, 2, 8]"])
def test_deploy_time_functions_are_unresolved(expr: str) -> None:
    assert isinstance(value_of(expr), Unresolved)


def test_base64_is_transparent() -> None:
    assert value_of("!Base64 'password=hunter2'") == "password=hunter2"


def test_length_and_to_json_string() -> None:
    assert value_of("{'Fn::Length': [a, b, c]}") == 3
    assert value_of("{'Fn::ToJsonString': {a: !Ref Stage}}") == '{"a":"prod"}'


def test_no_value_removes_the_variable() -> None:
    loaded = load(HEADER.replace("{expr}", "!If [IsProd, !Ref AWS::NoValue, x]"))
    assert "VALUE" not in loaded.app.functions["Fn"].environment


def test_sam_dotted_ref_to_a_resource_property() -> None:
    assert value_of("!Ref Table.StreamArn") == Ref("Table", "StreamArn")


def test_resolver_can_be_used_directly(tmp_path: Any) -> None:
    from faasguard.loaders.base import LoadContext
    from faasguard.loaders.cloudformation import CfnResolver
    from faasguard.loaders.yamlread import read_yaml

    ctx = LoadContext(tmp_path)
    node = read_yaml("!Sub 'arn:${Queue.Arn}:${Name}'", "x.yaml")
    assert node is not None
    resolver = CfnResolver("x.yaml", ctx, {"Queue"}, {"Name": V("orders", node.loc)})
    value = resolver(node).value
    assert isinstance(value, Unresolved)
    assert value.text == "arn:${Queue.Arn}:orders"
    assert ctx.problems == []
