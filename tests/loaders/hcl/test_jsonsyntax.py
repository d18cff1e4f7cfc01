"""Terraform's JSON syntax read into the same tree as native files."""

from __future__ import annotations

import pytest

from faasguard.core.location import Location
from faasguard.loaders.errors import ParseError
from faasguard.loaders.hcl import GetAttr, LiteralExpr, ObjectExpr, TemplateExpr, parse_tf_json

CONFIG = """{
  "//": "a comment",
  "variable": {"stage": {"default": "${not.a.template}"}},
  "locals": {"prefix": "app-${var.stage}"},
  "resource": {
    "aws_s3_bucket": {
      "b": {
        "bucket": "${local.prefix}-data",
        "tags": {"Team": "x"},
        "versioning": {"enabled": true},
        "lifecycle_rule": [{"id": "a"}, {"id": "b"}]
      }
    }
  },
  "module": {"m": {"source": "./mod"}}
}
"""


def test_blocks_follow_their_label_counts() -> None:
    body = parse_tf_json(CONFIG, "main.tf.json")
    kinds = [(block.type, block.labels) for block in body.blocks]
    assert kinds == [
        ("variable", ("stage",)),
        ("locals", ()),
        ("resource", ("aws_s3_bucket", "b")),
        ("module", ("m",)),
    ]
    resource = body.blocks[2]
    assert resource.label_locs[1] == Location("main.tf.json", 7, 7, 7, 10)


def test_strings_are_templates_with_positions() -> None:
    body = parse_tf_json(CONFIG, "main.tf.json")
    bucket = body.blocks[2].body.attributes["bucket"]
    assert bucket.name_loc.start_line == 8
    template = bucket.expr
    assert isinstance(template, TemplateExpr)
    reference, suffix = template.parts
    assert isinstance(reference, GetAttr) and reference.name == "prefix"
    assert suffix == "-data"
    assert reference.loc.start_line == 8


def test_variable_defaults_are_literal() -> None:
    body = parse_tf_json(CONFIG, "main.tf.json")
    default = body.blocks[0].body.attributes["default"].expr
    assert isinstance(default, TemplateExpr) and default.parts == ("${not.a.template}",)


def test_objects_read_as_blocks_or_values_on_demand() -> None:
    resource = parse_tf_json(CONFIG, "main.tf.json").blocks[2].body
    assert isinstance(resource.attributes["tags"].expr, ObjectExpr)
    versioning = resource.blocks_of("versioning")
    assert len(versioning) == 1
    enabled = versioning[0].body.attributes["enabled"].expr
    assert isinstance(enabled, LiteralExpr) and enabled.value is True
    assert [b.body.attributes["id"].expr.parts for b in resource.blocks_of("lifecycle_rule")] == [  # type: ignore[attr-defined]
        ("a",),
        ("b",),
    ]


@pytest.mark.parametrize(
    ("text", "message", "line"),
    [
        ('{"resource": [1]}', "expected an object of resource labels", 1),
        ('{"nonsense": {}}', "unknown top-level block type", 1),
        ("[1, 2]", "must hold a JSON object", 1),
        ('{"locals": {"a": "${unclosed"}}', "expected '}' closing the interpolation", 1),
        ('{\n  "a": [1,\n}', "", 3),
    ],
)
def test_invalid_json_configuration(text: str, message: str, line: int) -> None:
    with pytest.raises(ParseError) as caught:
        parse_tf_json(text, "bad.tf.json")
    assert message in caught.value.message
    assert caught.value.location.start_line == line


def test_empty_file_is_an_empty_body() -> None:
    assert parse_tf_json("", "e.tf.json").blocks == ()
