"""HCL2 tokens from text, one compiled regular expression match per token.

Quoted strings and heredocs are templates: the lexer emits their literal chunks (escapes
decoded) and switches back to expression tokens inside ``${ }`` and ``%{ }``. Newlines are
tokens only where they end something: at the top level and directly inside braces (block bodies
and object constructors); inside parentheses, brackets, template interpolations and `{for ...}`
expressions they are dropped, as HCL's grammar says.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from faasguard.core.location import Location
from faasguard.loaders.errors import ParseError

MAX_NESTING = 200


class Token(NamedTuple):
    kind: str  # "ident", "number", "nl", "eof", an operator's text, or a template kind
    value: str  # decoded text for "lit" chunks; the token's text otherwise
    line: int
    col: int
    end_line: int
    end_col: int
    start: int  # offsets into the text
    end: int


_MAIN = re.compile(
    r"""[ \t\r\f]*(?:
     (?P<ident>[^\W\d][\w-]*)
    |(?P<nl>\n)
    |(?P<comment>(?:\#|//)[^\n]*)
    |(?P<bcomment>/\*.*?\*/)
    |(?P<badcomment>/\*)
    |(?P<heredoc><<(?P<flush>-?)(?P<marker>[^\W\d][\w-]*)[ \t]*\r?\n)
    |(?P<op>\.\.\.|::|==|!=|<=|>=|&&|\|\||=>|[{\[\]().,=<>!+\-*/%?:])
    |(?P<number>[0-9]+(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?)
    |"(?P<sstr>[^"\\$%\n]*)"
    |(?P<quote>")
    |(?P<tend>~?\})
    |(?P<end>\Z)
    )""",
    re.VERBOSE | re.DOTALL,
)
_ESCAPE = r"\\(?:[nrt\"\\]|u[0-9A-Fa-f]{4}|U[0-9A-Fa-f]{8})"
_STRING = re.compile(
    rf"(?P<lit>(?:[^\"\\$%\n]|{_ESCAPE}|\$\$\{{|%%\{{|\$(?!\{{)|%(?!\{{))+)"
    r"|(?P<interp>\$\{~?)|(?P<control>%\{~?)|(?P<close>\")"
)
_HEREDOC_TEXT = re.compile(
    r"(?P<lit>(?:[^$%]|\$\$\{|%%\{|\$(?!\{)|%(?!\{))+)|(?P<interp>\$\{~?)|(?P<control>%\{~?)"
)
_FOR_AHEAD = re.compile(r"\s*for\s")
_SIMPLE = frozenset({"ident", "op", "number"})
_DECODE = re.compile(rf"{_ESCAPE}|\$\$\{{|%%\{{")
_SIMPLE_ESCAPES = {"n": "\n", "r": "\r", "t": "\t", '"': '"', "\\": "\\"}


def _decode_one(match: re.Match[str]) -> str:
    text = match.group()
    if text in ("$${", "%%{"):
        return text[1:]
    if text[1] in "uU":
        return chr(int(text[2:], 16))
    return _SIMPLE_ESCAPES[text[1]]


def decode_literal(text: str) -> str:
    """A template literal chunk with its escapes (and `$${`, `%%{`) turned into text."""
    if "\\" not in text and "$${" not in text and "%%{" not in text:
        return text
    return _DECODE.sub(_decode_one, text)


class Lexer:
    """Tokenises one file (or one template string, for JSON syntax)."""

    def __init__(self, text: str, path: str, line: int = 1, col: int = 1) -> None:
        self.text = text
        self.path = path
        self.tokens: list[Token] = []
        self.line = line
        self.line_start = 1 - col  # offset of the current line's first character
        # Open constructs: "{", "{for", "[", "(", "tmpl", "str", "heredoc".
        self.stack: list[str] = []
        self.openers: list[tuple[int, int]] = []  # (line, column) of each open construct
        self.heredocs: list[tuple[int, int]] = []  # (content end, marker end) per open heredoc

    def error(self, message: str, pos: int) -> ParseError:
        return ParseError(message, Location(self.path, self.line, pos - self.line_start + 1))

    def advance(self, start: int, end: int) -> None:
        """Count the newlines of text[start:end], which is consumed."""
        newlines = self.text.count("\n", start, end)
        if newlines:
            self.line += newlines
            self.line_start = self.text.rfind("\n", start, end) + 1

    def emit(self, kind: str, value: str, start: int, end: int) -> None:
        line, line_start = self.line, self.line_start
        self.advance(start, end)
        self.tokens.append(
            Token(
                kind,
                value,
                line,
                start - line_start + 1,
                self.line,
                end - self.line_start + 1,
                start,
                end,
            )
        )

    def push(self, kind: str, pos: int) -> None:
        if len(self.stack) >= MAX_NESTING:
            raise self.error(f"nested deeper than {MAX_NESTING} levels", pos)
        self.stack.append(kind)
        self.openers.append((self.line, pos - self.line_start + 1))

    def pop(self) -> None:
        self.stack.pop()
        self.openers.pop()

    def run(self, template: bool = False) -> list[Token]:
        """All tokens. With `template`, the text is a bare template (a JSON string's contents)."""
        pos, end = 0, len(self.text)
        if template:
            self.push("heredoc", 0)
            self.heredocs.append((end, end))
        while True:
            top = self.stack[-1] if self.stack else ""
            if top == "str":
                pos = self._string(pos)
            elif top == "heredoc":
                if template and pos >= end:
                    break
                pos = self._heredoc(pos)
            elif pos >= end:
                break
            else:
                pos = self._main(pos, top)
        if self.stack and not template:
            line, col = self.openers[-1]
            opener = {"str": '"', "heredoc": "<<", "tmpl": "${", "{for": "{"}.get(self.stack[-1])
            raise ParseError(
                f"{opener or self.stack[-1]!r} is never closed",
                Location(self.path, line, col),
            )
        self.emit("eof", "", pos, pos)
        return self.tokens

    def _main(self, pos: int, top: str) -> int:
        """Expression tokens, until the mode changes (a string, a heredoc, the end of an
        interpolation) or the text ends. Names, numbers, operators and plain strings take the
        fast path; this is the hot loop, kept in one function on purpose."""
        text, tokens, stack = self.text, self.tokens, self.stack
        while True:
            match = _MAIN.match(text, pos)
            if match is None:
                start = pos + len(text[pos:]) - len(text[pos:].lstrip(" \t\r\f"))
                raise self.error(f"unexpected character {text[start]!r}", start)
            kind = match.lastgroup
            assert kind is not None
            start, end = match.start(kind), match.end()
            if kind in _SIMPLE:
                value = match.group(kind)
                if kind == "op":
                    kind = value
                    if value in "{[(":
                        opener = "{for" if value == "{" and _FOR_AHEAD.match(text, end) else value
                        self.push(opener, start)
                        top = opener
                    elif value in "])" and top == ("[" if value == "]" else "("):
                        self.pop()
                        top = stack[-1] if stack else ""
                column = self.line_start - 1
                line = self.line
                tokens.append(
                    Token(kind, value, line, start - column, line, end - column, start, end)
                )
                pos = end
                continue
            if kind == "sstr":  # a plain string: its three tokens at once
                column = self.line_start - 1
                line = self.line
                quote = start - 1
                tokens.append(
                    Token("oquote", '"', line, quote - column, line, start - column, quote, start)
                )
                if end - 1 > start:
                    value = match.group(kind)
                    tokens.append(
                        Token(
                            "lit",
                            value,
                            line,
                            start - column,
                            line,
                            end - 1 - column,
                            start,
                            end - 1,
                        )
                    )
                tokens.append(
                    Token("cquote", '"', line, end - 1 - column, line, end - column, end - 1, end)
                )
                pos = end
                continue
            if kind == "end":
                return end
            if kind == "comment":
                pos = end
                continue
            if kind == "nl":
                if top in ("", "{") and tokens and tokens[-1].kind != "nl":
                    self.emit("nl", "\n", start, end)
                else:
                    self.line += 1
                    self.line_start = end
                pos = end
                continue
            if kind == "bcomment":
                self.advance(start, end)
                pos = end
                continue
            if kind == "badcomment":
                raise self.error("unterminated /* comment", start)
            if kind == "heredoc":
                return self._open_heredoc(match, start)
            if kind == "quote":
                self.emit("oquote", '"', start, end)
                self.push("str", start)
                return end
            pos = self._close_brace(match.group(kind), start, end, top)
            top = stack[-1] if stack else ""
            if top not in ("", "{", "{for", "[", "("):
                return pos

    def _close_brace(self, text: str, pos: int, end: int, top: str) -> int:
        if top == "tmpl":
            self.pop()
            self.emit("tend", text, pos, end)
            return end
        if text != "}":
            raise self.error("'~}' outside a template", pos)
        if top in ("{", "{for"):
            self.pop()
        self.emit("}", text, pos, end)
        return end

    def _string(self, pos: int) -> int:
        match = _STRING.match(self.text, pos)
        if match is None:
            char = self.text[pos : pos + 1]
            if char == "\\":
                raise self.error("invalid escape sequence in string", pos)
            raise self.error("unterminated string", pos)
        kind = match.lastgroup
        end = match.end()
        if kind == "lit":
            self.emit("lit", decode_literal(match.group()), pos, end)
        elif kind == "close":
            self.pop()
            self.emit("cquote", '"', pos, end)
        else:
            assert kind is not None
            self.emit(kind, match.group(), pos, end)
            self.push("tmpl", pos)
        return end

    def _open_heredoc(self, match: re.Match[str], pos: int) -> int:
        flush, marker = match.group("flush"), match.group("marker")
        content = match.end()
        closer = re.compile(rf"^[ \t]*{re.escape(marker)}[ \t\r]*$", re.MULTILINE)
        found = closer.search(self.text, content)
        if found is None:
            raise self.error(f"heredoc <<{flush}{marker} has no closing {marker} line", pos)
        self.emit("oheredoc", flush + marker, pos, content)
        self.push("heredoc", pos)
        self.heredocs.append((found.start(), found.end()))
        return content

    def _heredoc(self, pos: int) -> int:
        content_end, marker_end = self.heredocs[-1]
        if pos >= content_end:
            self.pop()
            self.heredocs.pop()
            self.emit("cheredoc", self.text[content_end:marker_end], content_end, marker_end)
            return marker_end
        match = _HEREDOC_TEXT.match(self.text, pos, content_end)
        assert match is not None  # every character matches one of the groups
        kind = match.lastgroup
        end = match.end()
        if kind == "lit":
            text = match.group()
            if "$${" in text or "%%{" in text:  # no backslash escapes in heredocs
                text = text.replace("$${", "${").replace("%%{", "%{")
            self.emit("lit", text, pos, end)
        else:
            assert kind is not None
            self.emit(kind, match.group(), pos, end)
            self.push("tmpl", pos)
        return end


def tokenize(text: str, path: str) -> list[Token]:
    return Lexer(text, path).run()


def tokenize_template(text: str, path: str, line: int, col: int) -> list[Token]:
    """Tokens of a bare template (no quotes), placed at `line`/`col` of `path`."""
    return Lexer(text, path, line, col).run(template=True)


__all__ = ["MAX_NESTING", "Lexer", "Token", "decode_literal", "tokenize", "tokenize_template"]
