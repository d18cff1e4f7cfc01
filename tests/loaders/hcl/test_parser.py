"""The HCL2 parser: every construct, with positions, and syntax errors at the right place."""

from __future__ import annotations

import pytest

from faasguard.core.location import Location
from faasguard.loaders.errors import ParseError
from faasguard.loaders.hcl import (
    AnonSymbol,
    BinaryOp,
    Body,
    Conditional,
    Expr,
    ForExpr,
    FunctionCall,
    GetAttr,
    Index,
    LiteralExpr,
    ObjectExpr,
    SplatExpr,
    TemplateExpr,
    TemplateFor,
    TemplateIf,
    TupleExpr,
    UnaryOp,
    VariableExpr,
    parse_hcl,
)
from faasguard.loaders.hcl.exprparse import MAX_DEPTH


def expr(source: str) -> Expr:
    body = parse_hcl(f"x = {source}\n", "t.tf")
    return body.attributes["x"].expr


def span(e: Expr) -> tuple[int, int, int, int]:
    return (e.loc.start_line, e.loc.start_column, e.loc.end_line, e.loc.end_column)


def test_attributes_and_blocks_with_labels() -> None:
    body = parse_hcl(
        'a = 1\nresource "aws_s3_bucket" "b" {\n  bucket = "x"\n  versioning {\n'
        "    enabled = true\n  }\n}\nlocals {\n  y = 2\n}\n",
        "main.tf",
    )
    assert list(body.attributes) == ["a"]
    resource, local = body.blocks
    assert (resource.type, resource.labels) == ("resource", ("aws_s3_bucket", "b"))
    assert resource.loc == Location("main.tf", 2, 1, 7, 2)
    assert resource.label_locs[1] == Location("main.tf", 2, 26, 2, 29)
    attribute = resource.body.attributes["bucket"]
    assert attribute.name_loc == Location("main.tf", 3, 3, 3, 9)
    assert attribute.loc == Location("main.tf", 3, 3, 3, 15)
    nested = resource.body.blocks_of("versioning")[0]
    assert isinstance(nested.body.attributes["enabled"].expr, LiteralExpr)
    assert local.type == "locals" and list(local.body.attributes) == ["y"]


def test_identifier_labels_and_one_line_blocks() -> None:
    body = parse_hcl("thing foo bar { a = 1 }\nempty {}\n", "t.tf")
    assert body.blocks[0].labels == ("foo", "bar")
    assert body.blocks[0].body.attributes["a"].expr == LiteralExpr(
        Location("t.tf", 1, 21, 1, 22), 1
    )
    assert body.blocks[1].body.attributes == {}


def test_literals() -> None:
    assert isinstance(expr("1"), LiteralExpr) and expr("1").value == 1  # type: ignore[attr-defined]
    assert expr("2.5").value == 2.5  # type: ignore[attr-defined]
    assert expr("1e3").value == 1000.0  # type: ignore[attr-defined]
    assert expr("true").value is True  # type: ignore[attr-defined]
    assert expr("false").value is False  # type: ignore[attr-defined]
    assert expr("null").value is None  # type: ignore[attr-defined]


def test_string_template_parts() -> None:
    template = expr('"arn:${var.a}/x"')
    assert isinstance(template, TemplateExpr)
    literal, interpolation, tail = template.parts
    assert (literal, tail) == ("arn:", "/x")
    assert isinstance(interpolation, GetAttr) and interpolation.name == "a"
    assert span(interpolation) == (1, 12, 1, 17)
    assert span(template) == (1, 5, 1, 21)


def test_template_strip_markers() -> None:
    template = expr('"a  ${~ b ~}  c"')
    assert isinstance(template, TemplateExpr)
    assert template.parts[0] == "a" and template.parts[2] == "c"


def test_template_directives() -> None:
    template = expr('"%{ if a }yes%{ else }no%{ endif }-%{ for x in xs }${x},%{ endfor }"')
    assert isinstance(template, TemplateExpr)
    condition, dash, loop = template.parts
    assert isinstance(condition, TemplateIf) and condition.then.parts == ("yes",)
    assert condition.otherwise is not None and condition.otherwise.parts == ("no",)
    assert dash == "-"
    assert isinstance(loop, TemplateFor) and loop.value_var == "x"


def test_heredoc_and_flush_heredoc() -> None:
    body = parse_hcl(
        'a = <<EOT\n  x\n y\nEOT\nb = <<-EOT\n    {\n      "k": 1\n    }\n    EOT\n', "h.tf"
    )
    plain = body.attributes["a"].expr
    flush = body.attributes["b"].expr
    assert isinstance(plain, TemplateExpr) and plain.parts == ("  x\n y\n",)
    assert isinstance(flush, TemplateExpr) and flush.parts == ('{\n  "k": 1\n}\n',)
    assert flush.heredoc and flush.raw_line == 6
    assert flush.raw == '    {\n      "k": 1\n    }\n'


def test_tuples_and_objects() -> None:
    tuple_ = expr('[1, "a", [true],]')
    assert isinstance(tuple_, TupleExpr) and len(tuple_.items) == 3
    obj = expr('{\n  a = 1\n  "b" = 2, c: 3\n  (var.k) = 4\n}')
    assert isinstance(obj, ObjectExpr)
    keys = [item.key for item in obj.items]
    assert [k.value for k in keys[:1]] == ["a"]  # type: ignore[attr-defined]
    assert isinstance(keys[1], TemplateExpr) and keys[1].parts == ("b",)
    assert isinstance(keys[2], LiteralExpr) and keys[2].value == "c"
    assert isinstance(keys[3], GetAttr)
    assert span(obj.items[3].value) == (4, 13, 4, 14)


def test_traversals() -> None:
    e = expr("aws_s3_bucket.b[0].arn")
    assert isinstance(e, GetAttr) and e.name == "arn"
    assert isinstance(e.source, Index)
    assert isinstance(e.source.source, GetAttr) and e.source.source.name == "b"
    legacy = expr("a.0.b")
    assert isinstance(legacy, GetAttr) and isinstance(legacy.source, Index)


def test_splats() -> None:
    full = expr("aws_x.y[*].id[0]")
    assert isinstance(full, SplatExpr)
    assert isinstance(full.each, Index) and isinstance(full.each.source, GetAttr)
    assert isinstance(full.each.source.source, AnonSymbol)
    attr_only = expr("aws_x.y.*.id[0]")
    assert isinstance(attr_only, Index) and isinstance(attr_only.source, SplatExpr)


def test_function_calls() -> None:
    call = expr("merge(local.a, {b = 1}, var.list...)")
    assert isinstance(call, FunctionCall) and call.name == "merge"
    assert len(call.args) == 3 and call.expand_final
    provider = expr('provider::aws::arn_parse("x")')
    assert isinstance(provider, FunctionCall) and provider.name == "provider::aws::arn_parse"
    empty = expr("timestamp()")
    assert isinstance(empty, FunctionCall) and empty.args == ()


def test_operator_precedence() -> None:
    e = expr("1 + 2 * 3 == 7 || !a && b")
    assert isinstance(e, BinaryOp) and e.op == "||"
    left, right = e.left, e.right
    assert isinstance(left, BinaryOp) and left.op == "=="
    assert isinstance(left.left, BinaryOp) and left.left.op == "+"
    assert isinstance(left.left.right, BinaryOp) and left.left.right.op == "*"
    assert isinstance(right, BinaryOp) and right.op == "&&"
    assert isinstance(right.left, UnaryOp) and right.left.op == "!"
    minus = expr("-1 - -2")
    assert isinstance(minus, BinaryOp) and isinstance(minus.right, UnaryOp)


def test_subtraction_is_left_associative() -> None:
    e = expr("10 - 3 - 2")
    assert isinstance(e, BinaryOp) and isinstance(e.left, BinaryOp)


def test_conditionals() -> None:
    e = expr("a ? b : c ? d : e")
    assert isinstance(e, Conditional) and isinstance(e.false, Conditional)
    assert isinstance(e.condition, VariableExpr)


def test_for_expressions() -> None:
    tuple_for = expr('[for s in var.list : upper(s) if s != ""]')
    assert isinstance(tuple_for, ForExpr) and tuple_for.key is None
    assert tuple_for.value_var == "s" and tuple_for.condition is not None
    object_for = expr("{for k, v in var.map : v => k...}")
    assert isinstance(object_for, ForExpr)
    assert (object_for.key_var, object_for.value_var, object_for.grouping) == ("k", "v", True)
    multi_line = expr("{\n  for k, v in m :\n  k => v\n}")
    assert isinstance(multi_line, ForExpr)


def test_parenthesised_expressions_span_lines() -> None:
    e = expr("(\n  a\n  ? b\n  : c\n)")
    assert isinstance(e, Conditional)


@pytest.mark.parametrize(
    ("source", "message", "line", "column"),
    [
        ("a = \n", "expected an expression", 1, 5),
        ("a = 1 b = 2\n", "expected a newline, found 'b'", 1, 7),
        ('resource "x" "y" {\n  a = 1\n', "'{' is never closed", 1, 18),
        ("a = [1 2]\n", "expected ',' or ']'", 1, 8),
        ("a = {b = 1 c}\n", "expected ',', a newline or '}'", 1, 12),
        ("a = f(1 2)\n", "expected ',' or ')'", 1, 9),
        ("a = x ? y\n", "expected ':' of a conditional", 1, 10),
        ('"a" = 1\n', "expected an attribute or block name", 1, 1),
        ("a = 1\na = 2\n", "attribute 'a' is set twice", 2, 1),
        ('block "l${x}" {}\n', "a block label must be a literal string", 1, 7),
        ('a = "%{ if x }y"\n', "%{ endif }", 1, 16),
        ("a = [for x in y]\n", "':' in a for expression", 1, 16),
        ("a = b.\n", "an attribute name after '.'", 1, 7),
    ],
)
def test_syntax_errors_are_located(source: str, message: str, line: int, column: int) -> None:
    with pytest.raises(ParseError) as caught:
        parse_hcl(source, "bad.tf")
    assert message in caught.value.message
    assert (caught.value.location.start_line, caught.value.location.start_column) == (line, column)


@pytest.mark.parametrize(
    "source",
    [
        "x = " + "[" * 150 + "]" * 150,
        "x = " + "{a = " * 150 + "1" + "}" * 150,
        "x = " + "-" * 5000 + "1",
        "x = " + "f(" * 150 + ")" * 150,
        "b {\n" * 150 + "}\n" * 150,
    ],
)
def test_deep_nesting_is_an_error_not_a_crash(source: str) -> None:
    with pytest.raises(ParseError, match="nested deeper"):
        parse_hcl(source, "deep.tf")


def test_nesting_within_the_limit_parses() -> None:
    depth = MAX_DEPTH - 4
    body = parse_hcl("x = " + "[" * depth + "1" + "]" * depth + "\n", "ok.tf")
    node = body.attributes["x"].expr
    for _ in range(depth):
        assert isinstance(node, TupleExpr)
        node = node.items[0]
    assert node == LiteralExpr(Location("ok.tf", 1, 5 + depth, 1, 6 + depth), 1)


def test_a_large_file_parses_with_every_block_and_position() -> None:
    block = (
        'resource "aws_sqs_queue" "q{n}" {{\n'
        '  name = "queue-${{var.stage}}-{n}"\n'
        "  tags = {{ index = {n}, list = [1, 2, 3] }}\n"
        '  policy = jsonencode({{ Statement = [{{ Effect = "Allow" }}] }})\n'
        "}}\n"
    )
    text = "".join(block.format(n=n) for n in range(1000))
    assert text.count("\n") == 5000
    body: Body = parse_hcl(text, "big.tf")
    assert len(body.blocks) == 1000
    last = body.blocks[-1]
    assert last.labels == ("aws_sqs_queue", "q999")
    assert last.loc == Location("big.tf", 4996, 1, 5000, 2)
    assert last.body.attributes["name"].expr.loc.start_line == 4997
