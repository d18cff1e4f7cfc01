"""A small SQL tokenizer for injection detection (written for faasguard, no outside code).

It reads any text as if it were SQL and gives each token a one-letter type, close to what a
database's lexer would see. The types (the same letters in :mod:`.sqli`):

====  ==========================================================  ==========================
type  what                                                         examples
====  ==========================================================  ==========================
s     string literal (possibly unterminated)                       ``'abc'`` ``"x``
1     number                                                       ``1`` ``-.5e3`` ``0x7e``
n     bare word, back-quoted name                                  ``users`` ```t```
v     variable                                                     ``@a`` ``@@version``
k     keyword without a more precise type                          ``from`` ``where`` ``null``
E     keyword that starts a statement                              ``select`` ``drop``
U     ``union`` (and ``intersect``, ``except``, ``minus``)
&     logical operator                                             ``and`` ``or`` ``||`` ``&&``
o     other operator (comparison flagged with ``cmp``)             ``=`` ``+`` ``like``
f     a word directly followed by ``(``                            ``sleep(``
( ) , ; .  themselves
c     comment                                                      ``--`` ``#`` ``/* */``
?     any other character
====  ==========================================================  ==========================

MySQL executable comments (``/*!50000 union*/``) are read as their content. The lexer is one
compiled regular expression with disjoint, non-nested alternatives: linear in the input.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import NamedTuple

from faasguard.guard.detect.sql_words import (
    KEYWORDS,
    LOGIC,
    NOT_FUNCTIONS,
    STATEMENTS,
    UNION,
    WORD_CMP,
    WORD_OPS,
)

__all__ = ["Token", "contexts", "tokenize"]


class Token(NamedTuple):
    """One SQL token: its type letter, lower-cased text, and span in the scanned text.

    ``cmp`` marks comparison operators; ``open`` marks a string literal without its closing
    quote. (A named tuple rather than a dataclass: a long text has thousands of tokens.)
    """

    type: str
    text: str
    start: int
    end: int
    cmp: bool = False
    open: bool = False


# Each match is one token with the blanks (and the markers of MySQL executable comments) before
# it, or the blanks at the end of the text. Since "other" takes any character and "$" the end,
# the alternatives after the skipped blanks never fail, so the engine never backtracks into
# them: linear, and half as many matches as with blanks as tokens of their own.
_LEX = re.compile(
    r"""
    [\s\x0b\x0c\xa0\u2000-\u200b\u3000]*
    (?:(?:/\*!\d*|\*/)[\s\x0b\x0c\xa0\u2000-\u200b\u3000]*)*
    (?:
      (?P<word>[^\W\d][\w$]*)
    | (?P<num>0[xX][0-9a-fA-F]+|0[bB][01]+|(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?)
    | (?P<cmt>--[^\n]*|\#[^\n]*|/\*(?:[^*]|\*(?!/))*(?:\*/)?)
    | (?P<str>'(?:[^'\\]|\\.)*'?|"(?:[^"\\]|\\.)*"?)
    | (?P<punct>[(),;.])
    | (?P<op><=>|<>|!=|<=|>=|!<|!>|:=|\|\||&&|[=<>])
    | (?P<ar>[-+*/%^|&~!:])
    | (?P<name>`[^`]*`?)
    | (?P<var>@@?[\w$.]*|@'[^']*'?|@"[^"]*"?)
    | (?P<null>\\N)
    | (?P<other>.)
    | $
    )
    """,
    re.VERBOSE | re.DOTALL,
)


# Words that read as a function only before "(": "user()" is a function, "user" a keyword.
def _word_types() -> dict[str, tuple[str, bool]]:
    types: dict[str, tuple[str, bool]] = {}
    for words, ttype in ((KEYWORDS, "k"), (STATEMENTS, "E"), (UNION, "U"), (WORD_OPS, "o")):
        types.update(dict.fromkeys(words, (ttype, False)))
    types.update(dict.fromkeys(WORD_CMP, ("o", True)))
    types.update(dict.fromkeys(LOGIC, ("&", False)))
    return types


# Type and "compares" flag of each known word and symbol; other words are "n".
_WORD_TYPES = _word_types()
_SYMBOL_TYPES = {"ar": ("o", False), "cmt": ("c", False), "other": ("?", False)}
_SIMPLE_TYPES = {"str": "s", "name": "n", "num": "1", "var": "v"}
_WORD = ("n", False)


def tokenize(text: str, offset: int = 0) -> list[Token]:
    """Tokens of ``text`` without whitespace; spans are shifted by ``-offset``.

    A word directly followed (across whitespace and comments) by ``(`` becomes type ``f``.
    """
    tokens: list[Token] = []
    append = tokens.append
    word_types = _WORD_TYPES
    for match in _LEX.finditer(text):
        kind = match.lastgroup
        if kind is None:  # the blanks at the end
            break
        start, end = match.span(kind)
        low = text[start:end].lower()
        cmp = opened = False
        if kind == "word":
            ttype, cmp = word_types.get(low, _WORD)
        elif kind == "punct":
            ttype = low
            if low == "(" and tokens:
                _mark_function(tokens)
        elif kind == "op":
            ttype, cmp = ("&", False) if low in LOGIC else ("o", True)
        elif kind == "null":
            ttype, low = "k", "null"
        elif kind in _SIMPLE_TYPES:
            ttype = _SIMPLE_TYPES[kind]
            opened = kind == "str" and _is_open(low)
        else:
            ttype, cmp = _SYMBOL_TYPES[kind]
        append(_new_token(Token, (ttype, low, start - offset, end - offset, cmp, opened)))
    return tokens


# Builds a Token without the keyword-argument wrapper NamedTuple puts around tuple.__new__
# (a third of the tokenizer's time went there).
_new_token = tuple.__new__


def _is_open(literal: str) -> bool:
    """Whether a string literal runs to the end of the text without its closing quote."""
    if len(literal) < 2 or literal[-1] != literal[0]:
        return True
    inner = literal[1:-1]
    backslashes = len(inner) - len(inner.rstrip("\\"))
    return backslashes % 2 == 1


def _mark_function(tokens: list[Token]) -> None:
    """Retype the last non-comment token as a function when it is a word (``count (``)."""
    index = len(tokens) - 1
    while index >= 0 and tokens[index].type == "c":
        index -= 1
    if index < 0:
        return
    prev = tokens[index]
    if prev.type in "nkEo" and prev.text[:1].isalpha() and prev.text not in NOT_FUNCTIONS:
        tokens[index] = Token("f", prev.text, prev.start, prev.end)


def contexts(text: str) -> Iterator[tuple[str, list[Token]]]:
    """The tokens of ``text`` in each context a value is pasted into, quoted ones first:
    ``("'", tokens of "'" + text)`` if it holds a ``'``, the same for ``"``, then
    ``("", tokens of text)``. Spans are those of ``text`` (the added quote is at -1).

    A text with one quote of a kind, which nothing before it can hide (no comment opener,
    other quote, backtick, variable or backslash), is tokenized once for both contexts: bare,
    it is the tokens before the quote and then a string to the end; quoted, a string up to the
    quote and then the tokens after it.
    """
    split = _single_quote(text)
    tail: list[Token] | None = None
    for quote in ("'", '"'):
        if quote not in text:
            continue
        if split is not None and text[split] == quote:
            tail = tokenize(text[split + 1 :], offset=-(split + 1))
            literal = (quote + text[: split + 1]).lower()
            yield quote, [_new_token(Token, ("s", literal, -1, split + 1, False, False)), *tail]
        else:
            yield quote, tokenize(quote + text, offset=1)
    if split is not None and tail is not None:
        string = _new_token(Token, ("s", text[split:].lower(), split, len(text), False, True))
        yield "", [*tokenize(text[:split]), string]
    else:
        yield "", tokenize(text)


def _single_quote(text: str) -> int | None:
    """Where the only quote of its kind in ``text`` is, if nothing before it can hide it."""
    if "\\" in text:
        return None
    for quote, other in (("'", '"'), ('"', "'")):
        at = text.find(quote)
        if at < 0 or text.find(quote, at + 1) >= 0:
            continue
        head = text[:at]
        if other in head or "`" in head or "--" in head or "#" in head or "/*" in head:
            continue
        if head.endswith("@"):
            continue
        return at
    return None
