"""HCL2 native syntax: a file's body of attributes and blocks.

A body is attributes (`name = expression`, ended by a newline) and blocks (a type name, string or
identifier labels, and a braced body).
"""

from __future__ import annotations

from faasguard.core.location import Location
from faasguard.loaders.errors import ParseError
from faasguard.loaders.hcl.ast import Attribute, Block, Body, TemplateExpr
from faasguard.loaders.hcl.exprparse import MAX_DEPTH, ExprParser
from faasguard.loaders.hcl.lexer import Token, tokenize, tokenize_template


class Parser(ExprParser):
    def file(self) -> Body:
        first = self.peek()
        body = self.body(closed=False)
        last = self.peek()
        loc = Location(self.path, first.line, first.col, last.end_line, last.end_col)
        return Body(body.attributes, body.blocks, loc)

    def body(self, closed: bool) -> Body:
        attributes: dict[str, Attribute] = {}
        blocks: list[Block] = []
        start = self.peek()
        while True:
            token = self.peek()
            if token.kind == "nl":
                self.take()
                continue
            if token.kind == "}" and closed:
                break
            if token.kind == "eof":
                if closed:
                    raise self.unexpected(token, "'}' closing the block")
                break
            if token.kind != "ident":
                raise self.unexpected(token, "an attribute or block name")
            self.take()
            if self.peek().kind == "=":
                attribute = self.attribute(token)
                if attribute.name in attributes:
                    first = attributes[attribute.name].name_loc
                    raise ParseError(
                        f"attribute {attribute.name!r} is set twice (first on line "
                        f"{first.start_line})",
                        attribute.name_loc,
                    )
                attributes[attribute.name] = attribute
            else:
                blocks.append(self.block(token))
            self.end_of_item()
        return Body(attributes, tuple(blocks), self.span(start), False)

    def end_of_item(self) -> None:
        token = self.peek()
        if token.kind == "nl":
            self.take()
        elif token.kind not in ("}", "eof"):
            raise self.unexpected(token, "a newline")

    def attribute(self, name: Token) -> Attribute:
        self.take()  # "="
        expr = self.expr()
        return Attribute(name.value, expr, self.span(name), self.at(name))

    def block(self, type_token: Token) -> Block:
        labels: list[str] = []
        label_locs: list[Location] = []
        while True:
            token = self.peek()
            if token.kind == "ident":
                self.take()
                labels.append(token.value)
            elif token.kind == "oquote":
                labels.append(self.label())
            elif token.kind == "{":
                break
            else:
                raise self.unexpected(token, f"'=' or '{{' after {type_token.value!r}")
            label_locs.append(self.span(token))
        self.take()
        self.enter()
        try:
            body = self.body(closed=True)
        finally:
            self.depth -= 1
        self.expect("}", "'}'")
        return Block(
            type_token.value, tuple(labels), body, self.span(type_token), tuple(label_locs)
        )

    def label(self) -> str:
        start = self.take()
        text = ""
        if self.peek().kind == "lit":
            text = self.take().value
        if self.peek().kind != "cquote":
            raise ParseError("a block label must be a literal string", self.at(start))
        self.take()
        return text


def parse_hcl(text: str, path: str) -> Body:
    """The body of one native-syntax file. Raises ParseError at the first syntax error."""
    return Parser(tokenize(text, path), path, text).file()


def parse_template(text: str, path: str, line: int, col: int) -> TemplateExpr:
    """A bare template (a string of Terraform's JSON syntax), placed at `line`/`col`."""
    tokens = tokenize_template(text, path, line, col)
    parser = Parser(tokens, path, text)
    start = tokens[0]
    parts, stop = parser.template_parts(())
    if stop is not None or parser.peek().kind != "eof":
        raise parser.unexpected(parser.peek(), "the end of the template")
    return TemplateExpr(parser.span(start), tuple(parts))


__all__ = ["MAX_DEPTH", "Parser", "parse_hcl", "parse_template"]
