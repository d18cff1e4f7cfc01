"""The HCL2 lexer: token kinds, decoded literals, positions and newline handling."""

from __future__ import annotations

import pytest

from faasguard.loaders.errors import ParseError
from faasguard.loaders.hcl.lexer import tokenize


def kinds(text: str) -> list[str]:
    return [token.kind for token in tokenize(text, "t.tf")]


def test_operators_and_names() -> None:
    assert kinds("a = b.c[0] != 1.5e3 && !d ... => ::") == [
        "ident", "=", "ident", ".", "ident", "[", "number", "]", "!=", "number", "&&", "!",
        "ident", "...", "=>", "::", "eof",
    ]  # fmt: skip


def test_identifiers_may_contain_dashes() -> None:
    tokens = tokenize("my-name_2 = 1", "t.tf")
    assert tokens[0].value == "my-name_2"


def test_positions_are_one_based_with_exclusive_end() -> None:
    tokens = tokenize('x = "ab"\n  yy = 2', "t.tf")
    ident = tokens[0]
    assert (ident.line, ident.col, ident.end_line, ident.end_col) == (1, 1, 1, 2)
    literal = next(t for t in tokens if t.kind == "lit")
    assert (literal.value, literal.col, literal.end_col, literal.start, literal.end) == (
        "ab",
        6,
        8,
        5,
        7,
    )
    assert [(t.kind, t.col) for t in tokens[2:5]] == [("oquote", 5), ("lit", 6), ("cquote", 8)]
    yy = next(t for t in tokens if t.value == "yy")
    assert (yy.line, yy.col, yy.end_col) == (2, 3, 5)


def test_string_escapes_are_decoded() -> None:
    tokens = tokenize(r'x = "a\n\t\"\\\u00e9$${x}%%{y}"', "t.tf")
    literal = next(t for t in tokens if t.kind == "lit")
    assert literal.value == 'a\n\t"\\\u00e9${x}%{y}'


def test_interpolation_switches_modes_and_back() -> None:
    assert kinds('x = "a${b}c"') == [
        "ident", "=", "oquote", "lit", "interp", "ident", "tend", "lit", "cquote", "eof",
    ]  # fmt: skip


def test_braces_inside_interpolation_are_not_the_end() -> None:
    tokens = tokenize('x = "${ {a = 1}.a }"', "t.tf")
    assert [t.kind for t in tokens].count("tend") == 1
    assert [t.kind for t in tokens][-2] == "cquote"


def test_strip_markers_are_kept_on_tokens() -> None:
    tokens = tokenize('x = "${~ a ~}"', "t.tf")
    assert [t.value for t in tokens if t.kind in ("interp", "tend")] == ["${~", "~}"]


def test_comments_are_dropped_but_end_lines() -> None:
    assert kinds("a = 1 # c\nb = 2 // d\n/* e\n f */ c = 3") == [
        "ident", "=", "number", "nl", "ident", "=", "number", "nl", "ident", "=", "number", "eof",
    ]  # fmt: skip


def test_newlines_inside_brackets_and_parentheses_are_dropped() -> None:
    assert "nl" not in kinds("x = [\n1,\n2\n]")[:-2]
    assert "nl" not in kinds("x = f(\n1,\n2\n)")[:-2]


def test_newlines_inside_braces_are_kept() -> None:
    assert kinds("x = {\na = 1\n}").count("nl") == 2


def test_newlines_inside_a_for_object_are_dropped() -> None:
    assert kinds("x = {for k, v in m:\n k => v}").count("nl") == 0


def test_heredoc_literal_keeps_lines_and_positions() -> None:
    tokens = tokenize("x = <<EOT\nhello\n  world\nEOT\ny = 1\n", "t.tf")
    heredoc = [t for t in tokens if t.kind in ("oheredoc", "lit", "cheredoc")]
    assert [t.kind for t in heredoc] == ["oheredoc", "lit", "cheredoc"]
    assert heredoc[1].value == "hello\n  world\n"
    assert (heredoc[1].line, heredoc[1].col) == (2, 1)
    y = next(t for t in tokens if t.value == "y")
    assert y.line == 5


def test_heredoc_with_interpolation_and_escape() -> None:
    tokens = tokenize("x = <<-EOT\n  a ${b} $${c}\n  EOT\n", "t.tf")
    assert [t.value for t in tokens if t.kind == "lit"] == ["  a ", " ${c}\n"]


def test_heredoc_backslashes_are_literal() -> None:
    tokens = tokenize("x = <<EOT\na\\nb\nEOT\n", "t.tf")
    assert next(t for t in tokens if t.kind == "lit").value == "a\\nb\n"


@pytest.mark.parametrize(
    ("text", "message", "line", "column"),
    [
        ('x = "abc\ny = 1', "unterminated string", 1, 9),
        ('x = "a\\qb"', "invalid escape", 1, 7),
        ("x = 1\n/* open", "unterminated /* comment", 2, 1),
        ("x = <<EOT\nno end\n", "no closing EOT", 1, 5),
        ("x = 1 @", "unexpected character '@'", 1, 7),
        ("x = [1, 2", "'[' is never closed", 1, 5),
    ],
)
def test_errors_point_at_the_problem(text: str, message: str, line: int, column: int) -> None:
    with pytest.raises(ParseError) as caught:
        tokenize(text, "bad.tf")
    assert message in caught.value.message
    location = caught.value.location
    assert (location.path, location.start_line, location.start_column) == ("bad.tf", line, column)


def test_nesting_is_bounded() -> None:
    with pytest.raises(ParseError, match="nested deeper"):
        tokenize("x = " + "[" * 500 + "]" * 500, "deep.tf")
