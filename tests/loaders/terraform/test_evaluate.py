"""The expression evaluator: known values with their positions, references, unknowns."""

from __future__ import annotations

from pathlib import Path

import pytest

from faasguard.core.location import Location
from faasguard.loaders.base import LoadContext
from faasguard.loaders.hcl import parse_hcl
from faasguard.loaders.nodes import MapNode, Node, ScalarNode, SeqNode, to_plain
from faasguard.loaders.terraform.document import DATA_HANDLERS
from faasguard.loaders.terraform.evaluate import Evaluator
from faasguard.loaders.terraform.module import Module
from faasguard.loaders.terraform.values import ValueNode, is_error, plain, to_v
from faasguard.model.values import Ref, Unresolved

RESOURCES = """
resource "aws_s3_bucket" "b" {}
resource "aws_lambda_function" "f" {
  count = 2
}
"""


class Scope:
    def __init__(self, tmp_path: Path, text: str, tfvars: dict[str, Node] | None = None) -> None:
        self.ctx = LoadContext(tmp_path.resolve())
        source = text + RESOURCES
        (tmp_path / "main.tf").write_text(source)
        self.module = Module("", "", ".")
        self.module.add(parse_hcl(source, "main.tf"), self.ctx.report)
        self.module.tfvars = tfvars or {}
        self.ev = Evaluator(self.ctx, {"main.tf": source}, DATA_HANDLERS)

    def local(self, name: str) -> Node:
        return self.ev.local(self.module, name, Location.file("main.tf"))

    def value(self, name: str) -> object:
        return to_v(self.local(name)).value


def locals_(body: str) -> str:
    return "locals {\n" + body + "\n}\n"


def test_literals_and_templates(tmp_path: Path) -> None:
    scope = Scope(tmp_path, locals_('a = 1\nb = "x-${local.a}-${true}"\nc = "${local.a}"'))
    assert scope.value("a") == 1
    assert scope.value("b") == "x-1-true"
    assert scope.value("c") == 1  # a lone interpolation keeps its type
    assert scope.local("b").loc == Location("main.tf", 3, 5, 3, 27)


def test_variables_from_tfvars_then_default(tmp_path: Path) -> None:
    text = (
        'variable "stage" { default = "dev" }\nvariable "region" { default = "eu" }\n'
        'variable "secret" {}\n' + locals_('x = "${var.stage}/${var.region}"\ny = var.secret')
    )
    given = {"stage": ScalarNode(Location("terraform.tfvars", 1, 9), value="prod")}
    scope = Scope(tmp_path, text, given)
    assert scope.value("x") == "prod/eu"
    secret = scope.value("y")
    assert isinstance(secret, Unresolved) and secret.text == "var.secret"
    assert "without a default" in secret.reason


def test_variable_values_keep_where_they_were_written(tmp_path: Path) -> None:
    scope = Scope(tmp_path, 'variable "t" {\n  default = 30\n}\n' + locals_("x = var.t"))
    assert scope.local("x").loc == Location("main.tf", 2, 13, 2, 15)


def test_resource_references(tmp_path: Path) -> None:
    text = locals_(
        "a = aws_s3_bucket.b.arn\nb = aws_s3_bucket.b\nc = aws_lambda_function.f[0].arn\n"
        'd = aws_lambda_function.f[*].arn\ne = "arn:${aws_s3_bucket.b.id}/*"\nf = nothing.here'
    )
    scope = Scope(tmp_path, text)
    assert scope.value("a") == Ref("aws_s3_bucket.b", "arn")
    assert scope.value("b") == Ref("aws_s3_bucket.b", None)
    assert scope.value("c") == Ref("aws_lambda_function.f", "arn")
    assert scope.value("d") == Ref("aws_lambda_function.f", "arn")
    assert scope.value("e") == Unresolved("arn:${aws_s3_bucket.b.id}/*", ("aws_s3_bucket.b",))
    unknown = scope.value("f")
    assert isinstance(unknown, Unresolved) and unknown.text == "nothing.here"


def test_locals_that_refer_to_themselves_are_unresolved(tmp_path: Path) -> None:
    scope = Scope(tmp_path, locals_("a = local.b\nb = local.a"))
    value = scope.value("a")
    assert isinstance(value, Unresolved) and "refers to itself" in value.reason


def test_objects_tuples_and_keys(tmp_path: Path) -> None:
    scope = Scope(tmp_path, locals_('m = {\n  a = 1\n  "b" = [true, null]\n}'))
    node = scope.local("m")
    assert isinstance(node, MapNode)
    assert to_plain(node) == {"a": 1, "b": [True, None]}
    assert node.key_loc("b") == Location("main.tf", 4, 3, 4, 6)


def test_attribute_and_index_access(tmp_path: Path) -> None:
    text = locals_('m = { a = ["x", "y"] }\nx = local.m.a[1]\ny = local.m["a"][0]\nz = local.m.q')
    scope = Scope(tmp_path, text)
    assert scope.value("x") == "y"
    assert scope.value("y") == "x"
    assert is_error(scope.local("z"))


def test_operators_and_conditionals(tmp_path: Path) -> None:
    text = locals_(
        'a = 1 + 2 * 3\nb = 10 / 4\nc = "a" == "a" && !false\nd = 5 % 0\n'
        'e = local.c ? "yes" : "no"\nf = var.missing ? aws_s3_bucket.b.arn : "no"\ng = -local.a'
    )
    scope = Scope(tmp_path, text)
    assert scope.value("a") == 7
    assert scope.value("b") == 2.5
    assert scope.value("c") is True
    assert is_error(scope.local("d"))
    assert scope.value("e") == "yes"
    unknown = scope.value("f")
    assert isinstance(unknown, Unresolved) and unknown.refs == ("aws_s3_bucket.b",)
    assert scope.value("g") == -7


def test_for_expressions(tmp_path: Path) -> None:
    text = locals_(
        'l = ["a", "b", ""]\nu = [for s in local.l : upper(s) if s != ""]\n'
        'o = {for i, s in local.l : s => i if s != ""}\n'
        'g = {for s in ["x", "y", "x"] : s => s...}\nn = [for s in var.nope : s]'
    )
    scope = Scope(tmp_path, text)
    assert to_plain(scope.local("u")) == ["A", "B"]
    assert to_plain(scope.local("o")) == {"a": 0, "b": 1}
    assert to_plain(scope.local("g")) == {"x": ["x", "x"], "y": ["y"]}
    assert isinstance(scope.value("n"), Unresolved)


def test_splat_over_known_lists(tmp_path: Path) -> None:
    scope = Scope(
        tmp_path, locals_("l = [{ n = 1 }, { n = 2 }]\ns = local.l[*].n\nt = local.l.*.n")
    )
    assert to_plain(scope.local("s")) == [1, 2]
    assert to_plain(scope.local("t")) == [1, 2]


@pytest.mark.parametrize(
    ("expression", "expected"),
    [
        ("merge({a = 1}, {b = 2}, {a = 3})", {"a": 3, "b": 2}),
        ("concat([1], [2, 3])", [1, 2, 3]),
        ('lookup({a = 1}, "b", 5)', 5),
        ('lookup({a = 1}, "a")', 1),
        ('format("%s-%d-%%-%q", "a", 2, "b")', 'a-2-%-"b"'),
        ('coalesce("", null, "x")', "x"),
        ('try(local.missing.key, {x = 1}.y, "fallback")', "fallback"),
        ("can({x = 1}.y)", False),
        ('join(",", ["a", "b"])', "a,b"),
        ('split(",", "a,b")', ["a", "b"]),
        ('replace("a-b", "-", "_")', "a_b"),
        ('length(["a", "b"])', 2),
        ('element(["a", "b"], 3)', "b"),
        ("keys({b = 1, a = 2})", ["a", "b"]),
        ("values({b = 1, a = 2})", [2, 1]),
        ("flatten([[1], [2, [3]]])", [1, 2, 3]),
        ('compact(["a", "", null])', ["a"]),
        ('distinct(["a", "a", "b"])', ["a", "b"]),
        ('contains(["a"], "a")', True),
        ('tolist(toset(["a"]))', ["a"]),
        ('lower(upper("Ab"))', "ab"),
        ('tonumber("5")', 5),
        ('tobool("true")', True),
        ('trimspace("  x ")', "x"),
        ('jsondecode("{\\"a\\": [1]}")', {"a": [1]}),
        ('coalescelist([], ["a"])', ["a"]),
        ('concat(["a"], local.pair...)', ["a", "b", "c"]),
    ],
)
def test_functions(tmp_path: Path, expression: str, expected: object) -> None:
    scope = Scope(tmp_path, locals_(f'pair = [["b"], ["c"]]\nx = {expression}'))
    assert plain(scope.local("x")) == expected


def test_unknown_functions_and_arguments_stay_unresolved(tmp_path: Path) -> None:
    text = locals_("a = timestamp()\nb = md5(aws_s3_bucket.b.id)\nc = merge(var.nope, {a = 1})")
    scope = Scope(tmp_path, text)
    timestamp = scope.value("a")
    assert isinstance(timestamp, Unresolved) and timestamp.text == "timestamp()"
    digest = scope.value("b")
    assert isinstance(digest, Unresolved) and digest.refs == ("aws_s3_bucket.b",)
    assert isinstance(scope.value("c"), Unresolved)


def test_jsonencode_keeps_the_document_and_its_positions(tmp_path: Path) -> None:
    text = locals_(
        'p = jsonencode({\n  Statement = [{ Effect = "Allow", Resource = aws_s3_bucket.b.arn }]\n})'
    )
    scope = Scope(tmp_path, text)
    node = scope.local("p")
    assert isinstance(node, ValueNode) and isinstance(node.unknown, Unresolved)
    document = node.document
    assert isinstance(document, MapNode)
    statement = document.get("Statement")
    assert isinstance(statement, SeqNode)
    first = statement.items[0]
    assert isinstance(first, MapNode)
    assert first.loc.start_line == 3
    assert to_v(first.entries["Resource"]).value == Ref("aws_s3_bucket.b", "arn")


def test_jsonencode_of_known_values_is_the_json_text(tmp_path: Path) -> None:
    scope = Scope(tmp_path, locals_('p = jsonencode({ a = [1, "x"] })'))
    assert scope.value("p") == '{"a":[1,"x"]}'


def test_heredoc_json_is_parsed_with_positions_in_the_tf_file(tmp_path: Path) -> None:
    text = locals_(
        'p = <<-EOT\n    {\n      "Resource": "${aws_s3_bucket.b.arn}/*",\n'
        '      "Action": "s3:GetObject"\n    }\n  EOT'
    )
    scope = Scope(tmp_path, text)
    node = scope.local("p")
    assert isinstance(node, ValueNode) and isinstance(node.document, MapNode)
    resource = node.document.entries["Resource"]
    action = node.document.entries["Action"]
    assert to_v(resource).value == Unresolved("${aws_s3_bucket.b.arn}/*", ("aws_s3_bucket.b",))
    assert resource.loc.start_line == 4
    assert action.loc == Location("main.tf", 5, 17, 5, 31)


def test_file_reads_inside_the_root_and_parses_json(tmp_path: Path) -> None:
    (tmp_path / "p.json").write_text('{\n  "Action": "*"\n}\n')
    text = locals_('a = file("${path.module}/p.json")\nb = file("../outside.json")')
    scope = Scope(tmp_path, text)
    node = scope.local("a")
    assert isinstance(node, ValueNode) and isinstance(node.document, MapNode)
    assert node.document.entries["Action"].loc == Location("p.json", 2, 13, 2, 16)
    assert isinstance(scope.value("b"), Unresolved)
    assert any("outside the scanned root" in p.message for p in scope.ctx.problems)


def test_templatefile_binds_its_variables(tmp_path: Path) -> None:
    (tmp_path / "t.json").write_text('{"Resource": "${arn}", "Sid": "${name}"}\n')
    text = locals_('a = templatefile("t.json", { arn = aws_s3_bucket.b.arn, name = "s1" })')
    scope = Scope(tmp_path, text)
    node = scope.local("a")
    assert isinstance(node, ValueNode) and isinstance(node.document, MapNode)
    assert to_v(node.document.entries["Resource"]).value == Ref("aws_s3_bucket.b", "arn")
    assert to_v(node.document.entries["Sid"]).value == "s1"


def test_special_roots(tmp_path: Path) -> None:
    text = locals_("a = path.module\nb = count.index\nc = each.value\nd = terraform.workspace")
    scope = Scope(tmp_path, text)
    assert scope.value("a") == "."
    for name in "bcd":
        assert isinstance(scope.value(name), Unresolved)


def test_policy_document_data_source(tmp_path: Path) -> None:
    text = """
data "aws_iam_policy_document" "p" {
  statement {
    sid       = "Read"
    actions   = ["s3:GetObject"]
    resources = ["${aws_s3_bucket.b.arn}/*"]
    principals {
      type        = "AWS"
      identifiers = ["arn:aws:iam::1:root"]
    }
    condition {
      test     = "StringEquals"
      variable = "aws:SourceVpc"
      values   = ["vpc-1"]
    }
  }
  statement {
    effect        = "Deny"
    not_actions   = ["s3:*"]
    resources     = ["*"]
  }
}
""" + locals_("p = data.aws_iam_policy_document.p.json")
    scope = Scope(tmp_path, text)
    node = scope.local("p")
    assert isinstance(node, ValueNode) and isinstance(node.document, MapNode)
    document = plain(node.document)
    assert document == {
        "Version": "2012-10-17",
        "Statement": [
            {
                "Sid": "Read",
                "Effect": "Allow",
                "Action": ["s3:GetObject"],
                "Resource": ["${aws_s3_bucket.b.arn}/*"],
                "Principal": {"AWS": ["arn:aws:iam::1:root"]},
                "Condition": {"StringEquals": {"aws:SourceVpc": ["vpc-1"]}},
            },
            {"Effect": "Deny", "NotAction": ["s3:*"], "Resource": ["*"]},
        ],
    }
