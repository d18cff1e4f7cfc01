from __future__ import annotations

import pytest

from faasguard.loaders.errors import ParseError
from faasguard.loaders.nodes import MapNode, ScalarNode, to_plain
from faasguard.loaders.yamlread import MAX_DEPTH, read_yaml


def test_short_tags_become_long_form_with_positions() -> None:
    text = "Resources:\n  Fn:\n    Role: !GetAtt Role.Arn\n    Name: !Sub '${AWS::StackName}-fn'\n"
    root = read_yaml(text, "t.yaml")
    assert isinstance(root, MapNode)
    props = root.map("Resources").map("Fn")  # type: ignore[union-attr]
    assert to_plain(props) == {
        "Role": {"Fn::GetAtt": ["Role", "Arn"]},
        "Name": {"Fn::Sub": "${AWS::StackName}-fn"},
    }
    role = props.get("Role")  # type: ignore[union-attr]
    assert (role.loc.start_line, role.loc.start_column) == (3, 11)
    assert props.key_loc("Name").start_line == 4  # type: ignore[union-attr]


def test_yaml11_scalars_and_quoted_strings() -> None:
    root = read_yaml("a: 1\nb: '1'\nc: true\nd: ~\ne: 2010-09-09\nf: 1.5\n", "x.yaml")
    assert to_plain(root) == {"a": 1, "b": "1", "c": True, "d": None, "e": "2010-09-09", "f": 1.5}


def test_json_mode_numbers_and_tabs() -> None:
    root = read_yaml('{\n\t"a": 1.5e3,\n\t"b": [true, null, "x"]\n}', "x.json", json_mode=True)
    assert to_plain(root) == {"a": 1500.0, "b": [True, None, "x"]}


def test_unknown_tag_is_kept_on_the_node() -> None:
    root = read_yaml("a: !Custom thing\n", "x.yaml")
    node = root.get("a")  # type: ignore[union-attr]
    assert isinstance(node, ScalarNode) and node.tag == "!Custom" and node.value == "thing"


def test_merge_keys() -> None:
    root = read_yaml("base: &b {x: 1, y: 2}\nm:\n  <<: *b\n  y: 3\n", "x.yaml")
    assert to_plain(root.get("m")) == {"x": 1, "y": 3}  # type: ignore[union-attr]


def test_syntax_error_has_line_and_column() -> None:
    with pytest.raises(ParseError) as info:
        read_yaml("a:\n  b: [1, 2\nc: 3\n", "bad.yaml")
    assert info.value.location.path == "bad.yaml"
    assert info.value.location.start_line == 3


def test_tab_indentation_is_an_error_not_a_crash() -> None:
    with pytest.raises(ParseError) as info:
        read_yaml("a:\n\tb: 1\n", "tab.yaml")
    assert info.value.location.start_line == 2


def test_billion_laughs_is_refused_without_expanding() -> None:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i in range(1, 10):
        prev, cur = chr(96 + i), chr(97 + i)
        lines.append(f"{cur}: &{cur} [{', '.join(['*' + prev] * 9)}]")
    with pytest.raises(ParseError, match="YAML bomb"):
        read_yaml("\n".join(lines) + "\n", "bomb.yaml")


def test_deep_nesting_is_refused() -> None:
    text = "a: " + "[" * (MAX_DEPTH + 5) + "]" * (MAX_DEPTH + 5) + "\n"
    with pytest.raises(ParseError, match="nested"):
        read_yaml(text, "deep.yaml")


def test_no_code_execution_from_python_tags() -> None:
    root = read_yaml("a: !!python/object/apply:os.system ['echo pwned']\n", "evil.yaml")
    node = root.get("a")  # type: ignore[union-attr]
    assert node is not None and node.tag == "tag:yaml.org,2002:python/object/apply:os.system"


def test_empty_document() -> None:
    assert read_yaml("", "e.yaml") is None
    assert read_yaml("# only a comment\n", "e.yaml") is None
