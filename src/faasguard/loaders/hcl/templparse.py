"""HCL2 templates: quoted strings and heredocs with interpolations, `%{ if }` and `%{ for }`
directives, strip markers (`~`), and the indentation removal of `<<-` heredocs."""

from __future__ import annotations

from faasguard.loaders.hcl.ast import Expr, TemplateExpr, TemplateFor, TemplateIf
from faasguard.loaders.hcl.cursor import TokenCursor
from faasguard.loaders.hcl.lexer import Token


class TemplateParser(TokenCursor):
    def expr(self) -> Expr:  # the expression grammar, provided by ExprParser
        raise NotImplementedError

    def template(self, start: Token, closers: tuple[str, ...]) -> TemplateExpr:
        parts, stop = self.template_parts(())
        if stop is not None:
            raise self.unexpected(self.peek(1), "a template directive that is open")
        self.expect(closers[0], "the end of the string")
        return TemplateExpr(self.span(start), tuple(parts))

    def heredoc(self, start: Token) -> TemplateExpr:
        parts, stop = self.template_parts(())
        if stop is not None:
            raise self.unexpected(self.peek(1), "a template directive that is open")
        close = self.expect("cheredoc", "the end of the heredoc")
        raw = self.text[start.end : close.start]
        if start.value.startswith("-"):
            parts = _flush(parts, raw)
        return TemplateExpr(self.span(start), tuple(parts), True, raw, start.end_line)

    def template_parts(self, stops: tuple[str, ...]) -> tuple[list[str | Expr], str | None]:
        """Parts up to the end of the template, or up to a `%{ stop }` directive (not taken)."""
        parts: list[str | Expr] = []
        strip_next = False
        while True:
            token = self.peek()
            if token.kind == "lit":
                self.take()
                _add_literal(parts, token.value.lstrip() if strip_next else token.value)
                strip_next = False
            elif token.kind == "interp":
                self.take()
                _strip_last(parts, token.value)
                parts.append(self.expr())
                strip_next = self.expect("tend", "'}' closing the interpolation").value == "~}"
            elif token.kind == "control":
                keyword = self.peek(1)
                if keyword.kind == "ident" and keyword.value in stops:
                    return parts, keyword.value
                _strip_last(parts, token.value)
                directive, strip_next = self.directive(token)
                parts.append(directive)
            else:
                return parts, None

    def directive_end(self) -> bool:
        """Takes the `}` of a directive; True when it strips what follows (`~}`)."""
        return self.expect("tend", "'}' closing the directive").value == "~}"

    def directive(self, start: Token) -> tuple[Expr, bool]:
        self.take()
        keyword = self.expect("ident", "'if' or 'for'")
        if keyword.value == "if":
            condition = self.expr()
            self.directive_end()
            then, stop = self.template_parts(("else", "endif"))
            otherwise: list[str | Expr] | None = None
            if stop == "else":
                self.i += 2
                self.directive_end()
                otherwise, stop = self.template_parts(("endif",))
            if stop != "endif":
                raise self.unexpected(self.peek(), "%{ endif }")
            self.i += 2
            strip = self.directive_end()
            loc = self.span(start)
            other = TemplateExpr(loc, tuple(otherwise)) if otherwise is not None else None
            return TemplateIf(loc, condition, TemplateExpr(loc, tuple(then)), other), strip
        if keyword.value == "for":
            key_var: str | None = None
            value_var = self.expect("ident", "a variable name").value
            if self.peek().kind == ",":
                self.take()
                key_var, value_var = value_var, self.expect("ident", "a variable name").value
            if self.take().value != "in":
                raise self.unexpected(self.tokens[self.i - 1], "'in'")
            collection = self.expr()
            self.directive_end()
            body, stop = self.template_parts(("endfor",))
            if stop != "endfor":
                raise self.unexpected(self.peek(), "%{ endfor }")
            self.i += 2
            strip = self.directive_end()
            loc = self.span(start)
            return TemplateFor(
                loc, key_var, value_var, collection, TemplateExpr(loc, tuple(body))
            ), strip
        raise self.unexpected(keyword, "'if' or 'for' in a template directive")


def _add_literal(parts: list[str | Expr], text: str) -> None:
    if parts and isinstance(parts[-1], str):
        parts[-1] += text
    elif text:
        parts.append(text)


def _strip_last(parts: list[str | Expr], opener: str) -> None:
    if opener.endswith("~") and parts and isinstance(parts[-1], str):
        parts[-1] = parts[-1].rstrip()
        if not parts[-1]:
            parts.pop()


def _flush(parts: list[str | Expr], raw: str) -> list[str | Expr]:
    """`<<-` heredocs: remove the smallest indentation of the non-blank lines from each line."""
    lines = [line for line in raw.split("\n") if line.strip()]
    indent = min((len(line) - len(line.lstrip(" \t")) for line in lines), default=0)
    if not indent:
        return parts
    result: list[str | Expr] = []
    at_line_start = True
    for part in parts:
        if not isinstance(part, str):
            result.append(part)
            at_line_start = False
            continue
        pieces = part.split("\n")
        for n, piece in enumerate(pieces):
            if n > 0 or at_line_start:
                strip = len(piece) - len(piece.lstrip(" \t"))
                pieces[n] = piece[min(strip, indent) :]
        result.append("\n".join(pieces))
        at_line_start = part.endswith("\n")
    return result


__all__ = ["TemplateParser"]
