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

__all__ = ["Token", "tokenize"]


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


_LEX = re.compile(
    r"""
    (?P<ws>[\s\x0b\x0c\xa0\u2000-\u200b\u3000]+|/\*!\d*|\*/)
  | (?P<word>[^\W\d][\w$]*)
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
    for match in _LEX.finditer(text):
        kind = match.lastgroup
        if kind == "ws":
            continue
        raw = match.group()
        low = raw.lower()
        cmp = opened = False
        if kind == "word":
            ttype, cmp = _WORD_TYPES.get(low, _WORD)
        elif kind == "punct":
            ttype = raw
            if raw == "(" and tokens:
                _mark_function(tokens)
        elif kind == "op":
            ttype, cmp = ("&", False) if raw in LOGIC else ("o", True)
        elif kind == "null":
            ttype, low = "k", "null"
        elif kind in _SIMPLE_TYPES:
            ttype = _SIMPLE_TYPES[kind]
            opened = kind == "str" and _is_open(raw)
        else:
            ttype, cmp = _SYMBOL_TYPES[kind or "other"]
        append(Token(ttype, low, match.start() - offset, match.end() - offset, cmp, opened))
    return tokens


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
