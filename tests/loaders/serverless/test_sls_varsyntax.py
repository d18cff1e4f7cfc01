"""The `${...}` syntax of serverless.yml variables."""

from __future__ import annotations

import pytest

from faasguard.loaders.serverless.varsyntax import (
    MAX_NESTING,
    Literal,
    Source,
    Variable,
    VariableSyntaxError,
    parse,
    template_text,
)


def only_variable(text: str) -> Variable:
    parts = parse(text)
    assert parts is not None and len(parts) == 1 and isinstance(parts[0], Variable)
    return parts[0]


def test_text_without_variables_is_none() -> None:
    assert parse("plain text") is None
    assert parse("price: $5 {not a variable}") is None


def test_cloudformation_placeholders_are_not_variables() -> None:
    # Upper-case or source-less placeholders belong to Fn::Sub and stay text.
    assert parse("arn:${AWS::Partition}:s3:::${MyBucket}/${MyBucket.Arn}") is None
    assert parse("${aws::x}") is None


def test_self_reference() -> None:
    variable = only_variable("${self:custom.table}")
    assert variable.text == "${self:custom.table}"
    assert variable.sources == (Source("self", None, ("custom.table",)),)


def test_text_and_variables_mixed() -> None:
    parts = parse("arn:${AWS::Partition}:sqs:${opt:region}:q")
    assert parts is not None
    assert parts[0] == "arn:${AWS::Partition}:sqs:"
    assert isinstance(parts[1], Variable) and parts[1].sources[0] == Source(
        "opt", None, ("region",)
    )
    assert parts[2] == ":q"
    assert template_text(parts) == "arn:${AWS::Partition}:sqs:${opt:region}:q"


def test_fallbacks_literals_and_sources() -> None:
    variable = only_variable(
        '${opt:stage, self:provider.stage, \'dev\', "x\\"y", 5, 1.5, true, null}'
    )
    assert variable.sources == (
        Source("opt", None, ("stage",)),
        Source("self", None, ("provider.stage",)),
        Literal("dev"),
        Literal('x"y'),
        Literal(5),
        Literal(1.5),
        Literal(True),
        Literal(None),
    )


def test_file_with_params_and_address() -> None:
    variable = only_variable("${file(./config/${opt:stage}.yml):db.password}")
    source = variable.sources[0]
    assert isinstance(source, Source) and source.kind == "file"
    assert source.address == ("db.password",)
    assert source.params is not None
    path = source.params[0]
    assert path[0] == "./config/" and path[2] == ".yml"
    assert isinstance(path[1], Variable) and path[1].text == "${opt:stage}"


def test_nested_variable_in_address() -> None:
    variable = only_variable("${self:custom.${sls:stage}.table}")
    source = variable.sources[0]
    assert isinstance(source, Source) and source.address is not None
    assert source.address[0] == "custom."
    assert isinstance(source.address[1], Variable)
    assert source.address[2] == ".table"


def test_source_without_address() -> None:
    assert only_variable("${file(./all.yml)}").sources[0] == Source("file", (("./all.yml",),))
    assert only_variable("${strToBool(true)}").sources[0] == Source("strToBool", (("true",),))


def test_escaped_dollar_is_text() -> None:
    assert parse("\\${self:custom.a}") is None


@pytest.mark.parametrize(
    "text",
    [
        "${self:custom.a",  # unterminated
        "${opt:stage, dev}",  # a bare word is not a literal: quote it
        "${opt:stage, 'dev}",  # unterminated string
        "${file(./a.yml}",  # unterminated params
    ],
)
def test_invalid_syntax_raises(text: str) -> None:
    with pytest.raises(VariableSyntaxError):
        parse(text)


def test_nesting_is_bounded() -> None:
    text = "${self:a." * (MAX_NESTING + 1) + "x" + "}" * (MAX_NESTING + 1)
    with pytest.raises(VariableSyntaxError, match="nested deeper"):
        parse(text)
