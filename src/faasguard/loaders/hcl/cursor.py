"""A cursor over the lexer's tokens, shared by the HCL parsers: lookahead, expectations with
located errors, spans, and the nesting bound."""

from __future__ import annotations

from faasguard.core.location import Location
from faasguard.loaders.errors import ParseError
from faasguard.loaders.hcl.lexer import Token

MAX_DEPTH = 64

_NAMES = {"ident": "a name", "nl": "a newline", "eof": "the end of the file", "oquote": "'\"'"}


class TokenCursor:
    def __init__(self, tokens: list[Token], path: str, text: str) -> None:
        self.tokens = tokens + tokens[-1:] * 3  # look-ahead past the end sees "eof"
        self.path = path
        self.text = text
        self.i = 0
        self.depth = 0

    # -- token helpers ------------------------------------------------------------------------

    def peek(self, ahead: int = 0) -> Token:
        return self.tokens[self.i + ahead]

    def take(self) -> Token:
        token = self.tokens[self.i]
        if token.kind != "eof":
            self.i += 1
        return token

    def expect(self, kind: str, what: str = "") -> Token:
        token = self.peek()
        if token.kind != kind:
            raise self.unexpected(token, what or repr(kind))
        return self.take()

    def unexpected(self, token: Token, wanted: str) -> ParseError:
        found = _NAMES.get(token.kind) if token.kind != "ident" else repr(token.value)
        if found is None:
            found = repr(token.value or token.kind)
        return ParseError(f"expected {wanted}, found {found}", self.at(token))

    def at(self, token: Token) -> Location:
        return Location(self.path, token.line, token.col, token.end_line, token.end_col)

    def span(self, start: Token | Location) -> Location:
        """From `start` to the end of the last token taken."""
        end = self.tokens[self.i - 1] if self.i else self.tokens[0]
        if isinstance(start, Location):
            return Location(
                self.path, start.start_line, start.start_column, end.end_line, end.end_col
            )
        return Location(self.path, start.line, start.col, end.end_line, end.end_col)

    def enter(self) -> None:
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise ParseError(
                f"expression nested deeper than {MAX_DEPTH} levels", self.at(self.peek())
            )


__all__ = ["MAX_DEPTH", "TokenCursor"]
