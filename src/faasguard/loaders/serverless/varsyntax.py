"""The variable syntax of serverless.yml: ``${source(params):address, fallback, 'literal'}``.

A string is parsed into text and :class:`Variable` parts. A variable has one or more sources
tried in order (fallbacks); a source is a literal (quoted string, number, true/false/null) or a
typed lookup (``self:custom.x``, ``file(./a.yml):key``, ``opt:stage``) whose params and address
may themselves hold variables. As in the framework, ``${`` not followed by a lower-case source
type (``${AWS::Region}``, ``${MyBucket.Arn}``) is not a variable: it stays text, so
CloudFormation ``Fn::Sub`` placeholders pass through untouched.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

from faasguard.loaders.nodes import Scalar

MAX_NESTING = 16

_VARIABLE_START = re.compile(r"\$\{[a-z][a-zA-Z0-9]*(?:\(|:(?!:))")
_TYPE = re.compile(r"[a-z][a-zA-Z0-9]*\Z")
_WORD = re.compile(r"[A-Za-z0-9.+-]+")
_NUMBER = re.compile(r"-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?\Z")


class VariableSyntaxError(ValueError):
    """A `${...}` the framework would refuse (unterminated, bad literal, bad source)."""


@dataclass(frozen=True, slots=True)
class Literal:
    value: Scalar


@dataclass(frozen=True, slots=True)
class Source:
    kind: str  # "self", "opt", "file", ...
    params: tuple[Template, ...] | None = None  # None without parentheses
    address: Template | None = None


@dataclass(frozen=True, slots=True)
class Variable:
    text: str  # as written, "${...}"
    sources: tuple[Literal | Source, ...]


Part = str | Variable
Template = tuple[Part, ...]


def parse(text: str) -> Template | None:
    """The parts of `text`, or None when it holds no variable. Raises VariableSyntaxError."""
    if "${" not in text:
        return None
    parser = _Parser(text)
    parts = parser.template("", top=True)
    if not any(isinstance(part, Variable) for part in parts):
        return None
    return parts


def template_text(parts: Template) -> str:
    return "".join(part if isinstance(part, str) else part.text for part in parts)


class _Parser:
    def __init__(self, text: str) -> None:
        self.s = text
        self.i = 0
        self.depth = 0

    def template(self, stops: str, *, top: bool = False) -> Template:
        """Text and variables up to (not including) one of `stops` at this level."""
        parts: list[Part] = []
        text: list[str] = []
        s = self.s
        while self.i < len(s):
            char = s[self.i]
            if char in stops:
                break
            if top and char == "\\" and self.i + 1 < len(s):
                text.append(s[self.i : self.i + 2])
                self.i += 2
                continue
            if s.startswith("${", self.i):
                if _VARIABLE_START.match(s, self.i):
                    if text:
                        parts.append("".join(text))
                        text = []
                    parts.append(self.variable())
                    continue
                text.append("${")
                self.i += 2
                for inner in self.foreign():
                    if isinstance(inner, str):
                        text.append(inner)
                    else:
                        parts.extend(["".join(text), inner] if text else [inner])
                        text = []
                continue
            text.append(char)
            self.i += 1
        if text:
            parts.append("".join(text))
        return tuple(parts)

    def foreign(self) -> Template:
        """The rest of a `${...}` that is not a variable (kept as text, inner variables too)."""
        self._enter()
        inner = self.template("}")
        self.depth -= 1
        if self.i < len(self.s):
            self.i += 1
            return (*inner, "}")
        return inner

    def variable(self) -> Variable:
        self._enter()
        start = self.i
        self.i += 2
        sources: list[Literal | Source] = []
        while True:
            self._spaces()
            sources.append(self.source())
            self._spaces()
            char = self._peek()
            self.i += 1
            if char == "}":
                break
            if char != ",":
                raise VariableSyntaxError(f"unterminated or invalid variable in {self.s!r}")
        self.depth -= 1
        return Variable(self.s[start : self.i], tuple(sources))

    def source(self) -> Literal | Source:
        char = self._peek()
        if char in ("'", '"'):
            return Literal(self.quoted())
        match = _WORD.match(self.s, self.i)
        if match is None:
            raise VariableSyntaxError(f"invalid variable source at {self.i} in {self.s!r}")
        word = match.group()
        self.i = match.end()
        char = self._peek()
        if char not in (":", "("):
            return Literal(_literal(word, self.s))
        if not _TYPE.match(word):
            raise VariableSyntaxError(f"invalid variable source {word!r} in {self.s!r}")
        params = self.params() if char == "(" else None
        self._spaces()
        address = None
        if self._peek() == ":":
            self.i += 1
            address = self.address()
        return Source(word, params, address)

    def params(self) -> tuple[Template, ...]:
        self.i += 1  # "("
        params: list[Template] = []
        while True:
            self._spaces()
            char = self._peek()
            if char == ")":
                self.i += 1
                return tuple(params)
            if char in ("'", '"'):
                params.append((self.quoted(),))
            else:
                params.append(_strip(self.template(",)}")))
            self._spaces()
            char = self._peek()
            if char == ",":
                self.i += 1
            elif char != ")":
                raise VariableSyntaxError(f"unterminated parameters in {self.s!r}")

    def address(self) -> Template | None:
        self._spaces()
        char = self._peek()
        if char in ("'", '"'):
            return (self.quoted(),)
        parts = _strip(self.template(",}"))
        return parts or None

    def quoted(self) -> str:
        quote = self.s[self.i]
        if quote == "'":
            end = self.s.find("'", self.i + 1)
            if end < 0:
                raise VariableSyntaxError(f"unterminated string in {self.s!r}")
            value = self.s[self.i + 1 : end]
            self.i = end + 1
            return value
        end = self.i + 1
        while end < len(self.s) and self.s[end] != '"':
            end += 2 if self.s[end] == "\\" else 1
        if end >= len(self.s):
            raise VariableSyntaxError(f"unterminated string in {self.s!r}")
        try:
            value = json.loads(self.s[self.i : end + 1])
        except ValueError as exc:
            raise VariableSyntaxError(f"invalid string in {self.s!r}: {exc}") from None
        self.i = end + 1
        return str(value)

    def _enter(self) -> None:
        self.depth += 1
        if self.depth > MAX_NESTING:
            raise VariableSyntaxError(f"variables nested deeper than {MAX_NESTING} levels")

    def _peek(self) -> str:
        return self.s[self.i] if self.i < len(self.s) else ""

    def _spaces(self) -> None:
        while self._peek() == " ":
            self.i += 1


def _literal(word: str, text: str) -> Scalar:
    if word in ("true", "false"):
        return word == "true"
    if word == "null":
        return None
    if _NUMBER.match(word):
        return float(word) if any(c in word for c in ".eE") else int(word)
    raise VariableSyntaxError(f"invalid literal {word!r} in {text!r} (quote strings)")


def _strip(parts: Template) -> Template:
    items = list(parts)
    if items and isinstance(items[0], str):
        items[0] = items[0].lstrip()
    if items and isinstance(items[-1], str):
        items[-1] = items[-1].rstrip()
    return tuple(item for item in items if item != "")


__all__ = [
    "Literal",
    "Part",
    "Source",
    "Template",
    "Variable",
    "VariableSyntaxError",
    "parse",
    "template_text",
]
