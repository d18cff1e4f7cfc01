"""Recursive-descent parser for HCL2 expressions and templates, over the lexer's tokens.

Operator precedence (lowest first): `? :`, `||`, `&&`, `== !=`, `< <= > >=`, `+ -`, `* / %`,
then unary `-` and `!`, then traversals (`.attr`, `[index]`, `[*]`, `.*`) and calls.
Nesting is bounded: a document nested deeper than MAX_DEPTH raises ParseError, never
RecursionError.
"""

from __future__ import annotations

from faasguard.loaders.hcl.ast import (
    AnonSymbol,
    BinaryOp,
    Conditional,
    Expr,
    ForExpr,
    FunctionCall,
    GetAttr,
    Index,
    LiteralExpr,
    ObjectExpr,
    ObjectItem,
    SplatExpr,
    TupleExpr,
    UnaryOp,
    VariableExpr,
)
from faasguard.loaders.hcl.cursor import MAX_DEPTH
from faasguard.loaders.hcl.lexer import Token
from faasguard.loaders.hcl.templparse import TemplateParser

_PRECEDENCE = {
    "||": 1,
    "&&": 2,
    "==": 3,
    "!=": 3,
    "<": 4,
    "<=": 4,
    ">": 4,
    ">=": 4,
    "+": 5,
    "-": 5,
    "*": 6,
    "/": 6,
    "%": 6,
}
_KEYWORDS: dict[str, bool | None] = {"true": True, "false": False, "null": None}


class ExprParser(TemplateParser):
    def expr(self) -> Expr:
        self.enter()
        try:
            condition = self.binary(1)
            if self.peek().kind != "?":
                return condition
            self.take()
            true = self.expr()
            self.expect(":", "':' of a conditional")
            false = self.expr()
            return Conditional(self.span(condition.loc), condition, true, false)
        finally:
            self.depth -= 1

    def binary(self, min_precedence: int) -> Expr:
        left = self.unary()
        while True:
            token = self.peek()
            precedence = _PRECEDENCE.get(token.kind)
            if precedence is None or precedence < min_precedence:
                return left
            self.take()
            right = self.binary(precedence + 1)
            left = BinaryOp(self.span(left.loc), token.kind, left, right)

    def unary(self) -> Expr:
        token = self.peek()
        if token.kind in ("-", "!"):
            self.take()
            self.enter()
            try:
                operand = self.unary()
            finally:
                self.depth -= 1
            return UnaryOp(self.span(token), token.kind, operand)
        return self.traversals(self.primary())

    def primary(self) -> Expr:
        token = self.take()
        kind = token.kind
        if kind == "number":
            text = token.value
            number: int | float = (
                float(text) if ("." in text or "e" in text or "E" in text) else int(text)
            )
            return LiteralExpr(self.at(token), number)
        if kind == "ident":
            return self.name(token)
        if kind == "oquote":
            return self.template(token, ("cquote",))
        if kind == "oheredoc":
            return self.heredoc(token)
        if kind == "(":
            inner = self.expr()
            self.expect(")", "')'")
            return inner
        if kind == "[":
            return self.tuple_expr(token)
        if kind == "{":
            return self.object_expr(token)
        self.i -= 1 if kind != "eof" else 0
        raise self.unexpected(token, "an expression")

    def name(self, token: Token) -> Expr:
        if token.value in _KEYWORDS:
            return LiteralExpr(self.at(token), _KEYWORDS[token.value])
        name = token.value
        while self.peek().kind == "::":  # provider-defined functions: provider::aws::arn_parse
            self.take()
            name += "::" + self.expect("ident", "a function name").value
        if self.peek().kind == "(":
            return self.call(token, name)
        return VariableExpr(self.at(token), name)

    def call(self, start: Token, name: str) -> Expr:
        self.take()
        args: list[Expr] = []
        expand = False
        while self.peek().kind != ")":
            args.append(self.expr())
            if self.peek().kind == "...":
                self.take()
                expand = True
                break
            if self.peek().kind != ",":
                break
            self.take()
        self.expect(")", "',' or ')' in the call of " + name)
        return FunctionCall(self.span(start), name, tuple(args), expand)

    def traversals(self, source: Expr) -> Expr:
        while True:
            token = self.peek()
            if token.kind == ".":
                following = self.peek(1).kind
                if following == "*":
                    self.i += 2
                    source = self.splat(source, full=False)
                    continue
                source = self.step(source)
            elif token.kind == "[":
                if self.peek(1).kind == "*" and self.peek(2).kind == "]":
                    self.i += 3
                    source = self.splat(source, full=True)
                    continue
                source = self.step(source)
            else:
                return source

    def step(self, source: Expr) -> Expr:
        """One `.name`, `.0` or `[key]` applied to `source`."""
        token = self.take()
        if token.kind == ".":
            name = self.take()
            if name.kind == "ident":
                return GetAttr(self.span(source.loc), source, name.value)
            if name.kind == "number" and name.value.isdigit():
                return Index(
                    self.span(source.loc), source, LiteralExpr(self.at(name), int(name.value))
                )
            raise self.unexpected(name, "an attribute name after '.'")
        key = self.expr()
        self.expect("]", "']'")
        return Index(self.span(source.loc), source, key)

    def splat(self, source: Expr, full: bool) -> Expr:
        each: Expr = AnonSymbol(self.span(source.loc))
        while self.peek().kind == "." or (full and self.peek().kind == "["):
            if self.peek().kind == "." and self.peek(1).kind == "*":
                break
            each = self.step(each)
        return SplatExpr(self.span(source.loc), source, each)

    def tuple_expr(self, start: Token) -> Expr:
        if (
            self.peek().kind == "ident"
            and self.peek().value == "for"
            and self.peek(1).kind == "ident"
        ):
            return self.for_expr(start, "]")
        items: list[Expr] = []
        while self.peek().kind != "]":
            items.append(self.expr())
            if self.peek().kind != ",":
                break
            self.take()
        self.expect("]", "',' or ']'")
        return TupleExpr(self.span(start), tuple(items))

    def object_expr(self, start: Token) -> Expr:
        if (
            self.peek().kind == "ident"
            and self.peek().value == "for"
            and self.peek(1).kind == "ident"
        ):
            return self.for_expr(start, "}")
        items: list[ObjectItem] = []
        while True:
            while self.peek().kind == "nl":
                self.take()
            if self.peek().kind == "}":
                break
            items.append(self.object_item())
            separator = self.peek().kind
            if separator in (",", "nl"):
                self.take()
            elif separator != "}":
                raise self.unexpected(self.peek(), "',', a newline or '}'")
        self.expect("}", "'}'")
        return ObjectExpr(self.span(start), tuple(items))

    def object_item(self) -> ObjectItem:
        first = self.peek()
        key = self.expr()
        if first.kind == "ident" and isinstance(key, VariableExpr):
            key = LiteralExpr(key.loc, key.name)
        if self.peek().kind not in ("=", ":"):
            raise self.unexpected(self.peek(), "'=' or ':' after an object key")
        self.take()
        return ObjectItem(key, self.expr())

    def for_expr(self, start: Token, closer: str) -> Expr:
        self.take()  # "for"
        key_var: str | None = None
        value_var = self.expect("ident", "a variable name").value
        if self.peek().kind == ",":
            self.take()
            key_var, value_var = value_var, self.expect("ident", "a variable name").value
        keyword = self.expect("ident", "'in'")
        if keyword.value != "in":
            raise self.unexpected(keyword, "'in'")
        collection = self.expr()
        self.expect(":", "':' in a for expression")
        key: Expr | None = None
        if closer == "}":
            key = self.expr()
            self.expect("=>", "'=>' in a for expression")
        value = self.expr()
        grouping = False
        if closer == "}" and self.peek().kind == "...":
            self.take()
            grouping = True
        condition: Expr | None = None
        if self.peek().kind == "ident" and self.peek().value == "if":
            self.take()
            condition = self.expr()
        self.expect(closer, repr(closer))
        return ForExpr(
            self.span(start), key_var, value_var, collection, value, key, condition, grouping
        )


__all__ = ["MAX_DEPTH", "ExprParser"]
