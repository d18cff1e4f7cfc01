"""The SQL tokenizer: the shared tokenization of quoted and bare contexts equals the naive one."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from faasguard.guard.detect import sqli
from faasguard.guard.detect.sql_lexer import Token, contexts, tokenize


def _naive(text: str) -> list[tuple[str, list[Token]]]:
    found = [(q, tokenize(q + text, offset=1)) for q in ("'", '"') if q in text]
    return [*found, ("", tokenize(text))]


_PIECES = st.sampled_from(
    ["'", '"', "`", "\\", "@", "--", "#", "/*", "*/", "/*!1", "(", ")", " ", "\n", "x", "or",
     "1", "=", ";", "select", "é", "\u3000"]
)  # fmt: skip


@settings(max_examples=400, deadline=None)
@given(st.lists(_PIECES, max_size=30).map("".join))
def test_contexts_equal_the_naive_tokenization(text: str) -> None:
    assert list(contexts(text)) == _naive(text)


@pytest.mark.parametrize(
    "text",
    ["O'Brien", "x' or 1=1--", "a @'b", "# x'y", "it's (x)", "'", 'x"y', "a'b\\", "  '  "],
)
def test_contexts_on_single_quotes(text: str) -> None:
    assert list(contexts(text)) == _naive(text)


def test_blanks_and_executable_comments_are_skipped() -> None:
    tokens = tokenize("  /*!50000 union*/ select  ")
    assert [(t.type, t.text) for t in tokens] == [("U", "union"), ("E", "select")]
    assert tokens[0].start == 11  # spans are those of the text


@pytest.mark.parametrize("text", ["-- a\n-- b", "/* x */ /* y */", "#a\n#b"])
def test_text_of_comments_only_is_no_injection(text: str) -> None:
    assert sqli.scan(text) is None


@pytest.mark.parametrize(
    ("text", "rule"),
    [
        ("1 UNION SELECT 1", "sqli.union"),
        ("x' OR 1=1--", "sqli.boolean"),
        ("1; DROP TABLE users", "sqli.stacked"),
        ("1 AND SLEEP(5)", "sqli.boolean"),
        ("1 ORDER BY 3", "sqli.order-by"),
        ("SELECT * FROM information_schema.tables", "sqli.query"),
    ],
)
def test_rules_still_fire_behind_their_token_gates(text: str, rule: str) -> None:
    hit = sqli.scan(text)
    assert hit is not None and hit.rule == rule
