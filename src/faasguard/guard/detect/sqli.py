"""SQL injection: the input read as SQL, in the contexts a value is pasted into.

A value reaches SQL either bare (``WHERE id = $x``) or inside a quoted string (``'$x'`` or
``"$x"``). :func:`scan` tokenizes the text once per context (for a quoted context, as if a quote
opened before it, so ``x' or 1=1--`` reads as string, ``or``, ``1=1``, comment) and looks for
structures a plain value never has: a ``UNION SELECT``, a stacked statement, a boolean or
comparison right after the break-out, a comment closing the break-out, a subquery, a call of a
function attacks use (``sleep``, ``benchmark``, ``extractvalue``...), ``ORDER BY`` probes, or a
whole query. Each rule is a look at a few neighbouring tokens: linear in the input.
"""

from __future__ import annotations

import re

from faasguard.guard.detect._types import Hit
from faasguard.guard.detect.sql_lexer import Token, contexts
from faasguard.guard.detect.sql_words import (
    ATTACK_FUNCTIONS,
    CONDITIONAL_FUNCTIONS,
    DDL_OBJECTS,
    OPENING_STATEMENTS,
    PROBE_FUNCTIONS,
    STRONG_NAMES,
)

__all__ = ["scan"]

_END = Token("$", "", -1, -1)

_LITERAL_WORDS = frozenset({"null", "true", "false", "unknown"})
_CMP_WINDOW = 16
_VALUE = frozenset("s1v)")
# Tokens an arithmetic or boolean expression is made of (words checked separately).
_EXPR_TYPES = frozenset("1svfo&(),nk")
_EXPR_KEYWORDS = _LITERAL_WORDS | {"binary", "from", "for", "is", "not", "select"}
# The value a quote-breaking payload closes or reopens: short, one word ("1", "aa", "x%").
_SIMPLE_VALUE = re.compile(r"\s*[\w.@$%-]{0,24}\s*")


def _at(tokens: list[Token], index: int) -> Token:
    return tokens[index] if 0 <= index < len(tokens) else _END


def _is_value(tok: Token) -> bool:
    return tok.type in _VALUE or (tok.type == "k" and tok.text in _LITERAL_WORDS)


def _statement_ok(core: list[Token], i: int) -> bool:
    """True when the statement keyword at ``core[i]`` is followed by what SQL puts there."""
    word = core[i].text
    nxt, nxt2 = _at(core, i + 1), _at(core, i + 2)
    if word == "select":
        if nxt.type in "1svf(" or nxt.text in ("*", "distinct", "all", "top", "case", "null"):
            return True
        if nxt.text in ("-", "+", "~", "!", "binary"):
            return nxt2.type in "1svf("
        return nxt.type == "n" and (nxt2.type in ",.o" or nxt2.text in ("from", "as", "where"))
    if word == "insert":
        return nxt.text == "into"
    if word == "update":
        return nxt.type == "n" and nxt2.text == "set"
    if word == "delete":
        return nxt.text == "from"
    if word in ("drop", "create", "alter", "truncate", "rename"):
        return nxt.text in DDL_OBJECTS or nxt2.text in DDL_OBJECTS
    if word in ("exec", "execute"):
        if nxt.type in "fsv(":
            return True
        return nxt.type == "n" and ("_" in nxt.text or nxt2.type in ".sv1")
    if word == "declare":
        return nxt.type == "v"
    if word == "shutdown":
        return nxt.type in "$;" or nxt.text == "with"
    if word == "waitfor":
        return nxt.text in ("delay", "time")
    if word == "set":
        return nxt.type == "v" or (nxt.type == "n" and nxt2.text in ("=", ":="))
    if word == "begin":
        return nxt.type == "n" and nxt2.type == "."
    return nxt.type in "fv("


def _has_evidence(core: list[Token], start: int) -> bool:
    """Whether a query opening the text has more than words: a call, a comparison, a list..."""
    return any(tok.type in "f,;v" or tok.text == "*" or tok.cmp for tok in core[start:])


def _has_comparison(core: list[Token], j: int) -> bool:
    """Whether a comparison operator follows ``core[j]`` within a few tokens of one expression."""
    for k in range(j, min(j + _CMP_WINDOW, len(core))):
        tok = core[k]
        if tok.cmp:
            return True
        if tok.type in "&;,":
            return False
    return False


def _is_expression(tokens: list[Token], start: int, stop: int) -> bool:
    """Whether ``tokens[start:stop]`` read as one SQL expression: operands, operators, calls,
    parentheses; a bare word only alone (a column), never two words in a row (prose)."""
    prev = "("
    for tok in tokens[start:stop]:
        if tok.type not in _EXPR_TYPES:
            return False
        if tok.type == "k" and tok.text not in _EXPR_KEYWORDS:
            return False
        if tok.type in "nks" and prev in "nks1)":
            return False  # two operands in a row: "300 DPI", "'a' 'b'"
        prev = tok.type
    return True


def _simple(tok: Token) -> bool:
    """Whether a string token holds one short word: what a payload closes or reopens."""
    body = tok.text[1:-1] if not tok.open else tok.text[1:]
    return _SIMPLE_VALUE.fullmatch(body) is not None


def _rule_union(core: list[Token]) -> Hit | None:
    for i, tok in enumerate(core):
        if tok.type != "U":
            continue
        j = i + 1
        while _at(core, j).type == "(" or _at(core, j).text in ("all", "distinct"):
            j += 1
        nxt = _at(core, j)
        if nxt.type in "Ef" and nxt.text in ("select", "values"):
            return Hit("sqli.union", tok.start, nxt.end)
        if nxt.type == "$" and i > 0 and _is_value(core[i - 1]) and core[i - 1].type != "s":
            return Hit("sqli.union", core[i - 1].start, tok.end)
    return None


def _rule_statement(core: list[Token], quoted: bool = False) -> Hit | None:
    """A statement after ``;`` or ``(``, opening the text, or right after the value."""
    for i, tok in enumerate(core):
        if tok.type != "E":
            continue
        prev = _at(core, i - 1)
        after_break = i == 1 and prev.type == ("s" if quoted else "1")
        if prev.type not in ";(" and i != 0 and not after_break:
            continue
        if prev.type == "(" and tok.text != "select":
            continue
        if not (_statement_ok(core, i) or _stacked_ok(core, i)):
            continue
        if i == 0 and (tok.text not in OPENING_STATEMENTS or not _has_evidence(core, 1)):
            continue
        rule = {";": "sqli.stacked", "(": "sqli.subquery"}.get(prev.type, "sqli.query")
        return Hit(rule, tok.start, _at(core, i + 1).end)
    return None


def _stacked_ok(core: list[Token], i: int) -> bool:
    """``1; if 1=1 drop``, ``'; while 1=1 shutdown``, ``10;drop members``: after a value."""
    if _at(core, i - 1).type != ";" or not _is_value(_at(core, i - 2)):
        return False
    nxt = _at(core, i + 1)
    if nxt.type in "1svf(E":
        return True
    return core[i].text in ("drop", "delete", "truncate") and _at(core, i + 2).type in "$;"


def _rule_logic(core: list[Token], commented: frozenset[int], quoted: bool) -> Hit | None:
    """``1 or 1=1``, ``x' and sleep(5)``, ``x' or 1--``: a condition after a value."""
    for i, tok in enumerate(core):
        if tok.type != "&" or i == 0:
            continue
        left = core[i - 1]
        if not (_is_value(left) or left.type == "n"):
            continue
        j = i + 1
        while _at(core, j).type == "(" or (_at(core, j).type == "o" and not _at(core, j).cmp):
            j += 1
        right = _at(core, j)
        if left.type == "n" and not quoted:
            hit = _literal_comparison(core, j) or (right.type == "f" and _has_comparison(core, j))
        else:
            hit = (
                right.type == "E"
                or (right.type == "f" and right.text in ATTACK_FUNCTIONS)
                or (right.type == "f" and _has_comparison(core, j + 1))
                or (right.type in "nf" and right.text in STRONG_NAMES)
                or ((_is_value(right) or right.type == "n") and _has_comparison(core, j + 1))
                or (_is_value(right) and right.start in commented)
            )
        if hit:
            return Hit("sqli.boolean", left.start, right.end)
    return None


def _literal_comparison(core: list[Token], j: int) -> bool:
    """``8=3``, ``'a'='a'``: two literals compared (a tautology or contradiction)."""
    left, op, right = _at(core, j), _at(core, j + 1), _at(core, j + 2)
    return left.type in "1s" and op.cmp and right.type in "1s"


def _strong_comment(tok: Token) -> bool:
    """``--`` or ``#`` ending the text or followed by a non-word; ``/*``. Not ``#2``."""
    if tok.text.startswith("/*"):
        return True
    rest = tok.text[2:] if tok.text.startswith("--") else tok.text[1:]
    return not rest or not rest[0].isalnum()


def _rule_break_comment(tokens: list[Token], quoted: bool) -> Hit | None:
    """``x'--``, ``x') or (1)#``, ``1 * 1 --``: an expression, then the rest of the query cut."""
    first = _at(tokens, 0)
    if quoted and first.type != "s":
        return None
    cut = next((k for k, tok in enumerate(tokens) if tok.type == "c"), -1)
    if cut < 1 or not _strong_comment(tokens[cut]):
        return None
    last = tokens[cut - 1]
    if not (_is_value(last) or last.type == ";"):
        return None
    if quoted:
        ok = _simple(first) and (
            _only(tokens, 1, cut, ");")
            or (_is_expression(tokens, 1, cut) and not _only(tokens, 1, cut, "1sv"))
        )
    else:
        ok = (
            first.type in "1v(o"
            and _is_expression(tokens, 0, cut)
            and _only(tokens, 0, cut, ",", invert=True)
            and (cut > 1 or tokens[cut].text.startswith(("--", "/*")))
        )
    return Hit("sqli.comment", first.start, tokens[cut].end) if ok else None


def _only(tokens: list[Token], start: int, stop: int, types: str, *, invert: bool = False) -> bool:
    """Whether every token in the range has one of ``types`` (with invert: none has)."""
    return all((tok.type in types) != invert for tok in tokens[start:stop])


def _rule_quoted_expression(core: list[Token], quoted: bool) -> Hit | None:
    """``A' OR 'B``, ``x'='x``, ``aa' % 1 or '1``: the quote closed, an expression, and a
    quote reopened for the application's own closing quote."""
    if not quoted or len(core) < 3:
        return None
    first, op, last = core[0], core[1], core[-1]
    if op.type not in "o&" or last.type != "s" or not last.open or last.text[0] != first.text[0]:
        return None
    if op.start == first.end and op.end == last.start:
        return None  # "LIKE", "&", "*": a quoted word or sign
    if not (_simple(first) and _simple(last)):
        return None
    if not _is_expression(core, 1, len(core) - 1):
        return None
    return Hit("sqli.tautology", first.start, last.end)


def _rule_break_operator(core: list[Token], quoted: bool) -> Hit | None:
    """``1'-sleep(5)-'``, ``'||(select ...)``, ``1+benchmark(...)``."""
    first, op, right = _at(core, 0), _at(core, 1), _at(core, 2)
    if first.type not in "s1" or (not quoted and first.type == "s") or op.type not in "o&":
        return None
    if right.type == "f" and right.text in ATTACK_FUNCTIONS:
        return Hit("sqli.expression", first.start, right.end)
    if right.type in "(E" and _rule_statement(core[2:]) is not None:
        return Hit("sqli.subquery", first.start, right.end)
    return None


def _rule_calls(core: list[Token]) -> Hit | None:
    """``... rlike sleep(5)``, ``iif(1=1,1,1/0)``, ``(case when 1=2 then``, ``where 1=1``."""
    for i, tok in enumerate(core):
        prev = _at(core, i - 1)
        if tok.type == "f" and prev.type != "n":
            if tok.text in PROBE_FUNCTIONS and _at(core, i + 2).type in "1sv(nfE":
                return Hit("sqli.function", tok.start, _at(core, i + 1).end)
            if tok.text in CONDITIONAL_FUNCTIONS and _has_comparison(core, i + 2):
                return Hit("sqli.conditional", tok.start, _at(core, i + 1).end)
        elif tok.text == "case" and _case_expression(core, i):
            return Hit("sqli.conditional", tok.start, _at(core, i + 1).end)
        elif tok.text in ("where", "having") and i > 0:
            j = i + 1
            while _at(core, j).type == "(":
                j += 1
            after = _at(core, j + 1)
            if _is_value(_at(core, j)) and (after.cmp or after.type == "&"):
                return Hit("sqli.where", tok.start, after.end)
        elif i == 0 and tok.type == "(" and _literal_comparison(core, 1) and _closes(core, 4):
            return Hit("sqli.tautology", tok.start, core[4].end)
    return None


def _closes(core: list[Token], index: int) -> bool:
    return _at(core, index).type == ")"


def _case_expression(core: list[Token], i: int) -> bool:
    """``case [x] when <expr> then``: the words of a SQL conditional around an expression."""
    when = next((k for k in range(i + 1, min(i + 4, len(core))) if core[k].text == "when"), -1)
    if when < 0:
        return False
    then = next(
        (k for k in range(when + 1, min(when + _CMP_WINDOW, len(core))) if core[k].text == "then"),
        -1,
    )
    return then > when + 1 and _is_expression(core, when + 1, then)


def _rule_clauses(core: list[Token]) -> Hit | None:
    """``ORDER BY n`` / ``GROUP BY`` after a value; ``INTO OUTFILE``; ``PROCEDURE ANALYSE``."""
    for i, tok in enumerate(core):
        nxt = _at(core, i + 1)
        if tok.text in ("order", "group") and nxt.text == "by" and i > 0:
            if _is_value(core[i - 1]) and _at(core, i + 2).type in "1nf$":
                return Hit("sqli.order-by", tok.start, nxt.end)
        elif tok.text == "into" and nxt.text in ("outfile", "dumpfile"):
            return Hit("sqli.outfile", tok.start, nxt.end)
        elif tok.text == "procedure" and nxt.text in ("analyse", "analyze"):
            return Hit("sqli.procedure", tok.start, nxt.end)
        elif tok.text == "waitfor" and nxt.text in ("delay", "time"):
            return Hit("sqli.waitfor", tok.start, nxt.end)
        elif tok.type in "nf" and tok.text in STRONG_NAMES:
            return Hit("sqli.system-object", tok.start, tok.end)
        elif tok.type == "v" and tok.text.startswith("@@") and len(tok.text) > 2:
            return Hit("sqli.system-variable", tok.start, tok.end)
    return None


def _rule_raw_expression(core: list[Token], quoted: bool) -> Hit | None:
    """``LENGTH(version())``, ``123+((0/ascii(substring(x,1,1)))``: the whole text an
    expression built on functions attacks use to read data one character at a time."""
    if quoted or not _is_expression(core, 0, len(core)):
        return None
    calls = [tok for tok in core if tok.type == "f" and tok.text in ATTACK_FUNCTIONS]
    if len(calls) >= 2 or (calls and any(t.type == "&" or t.cmp for t in core)):
        return Hit("sqli.expression", core[0].start, core[-1].end)
    return None


_CALL_WORDS = frozenset({"case", "where", "having"})
_CLAUSE_WORDS = frozenset({"order", "group", "into", "procedure", "waitfor"}) | STRONG_NAMES


def _scan_tokens(tokens: list[Token], quoted: bool) -> Hit | None:
    """The rules on one context. Each rule runs only if a token it needs is there: most texts
    lack the union, statement, logic, call or clause words most rules start from."""
    if len(tokens) < 2:
        return None
    core = [tok for tok in tokens if tok.type != "c"]
    has_comment = len(core) < len(tokens)
    commented = (
        frozenset(tokens[i].start for i in range(len(tokens) - 1) if tokens[i + 1].type == "c")
        if has_comment
        else frozenset()
    )
    types = {tok.type for tok in core}
    words = {tok.text for tok in core if tok.type in "nkfE"}
    calls = "f" in types or not _CALL_WORDS.isdisjoint(words) or _at(core, 0).type == "("
    clauses = "v" in types or not _CLAUSE_WORDS.isdisjoint(words)
    hit = (
        ("U" in types and _rule_union(core))
        or ("E" in types and _rule_statement(core, quoted))
        or ("&" in types and _rule_logic(core, commented, quoted))
        or (has_comment and _rule_break_comment(tokens, quoted))
        or _rule_quoted_expression(core, quoted)
        or _rule_break_operator(core, quoted)
        or (calls and _rule_calls(core))
        or (clauses and _rule_clauses(core))
        or ("f" in types and _rule_raw_expression(core, quoted))
    )
    return hit or None


def scan(text: str) -> Hit | None:
    """The first SQL injection structure found in ``text`` (already decoded), or None."""
    marker = text.find("/*!")
    if marker >= 0:
        return Hit("sqli.mysql-comment", marker, marker + 3)
    # Quoted contexts first: nearly every attack holding a quote breaks out of one, so this
    # order reads such a text in one context rather than two (see sql_lexer.contexts).
    for quote, tokens in contexts(text):
        hit = _scan_tokens(tokens, bool(quote))
        if hit is not None:
            return Hit(hit.rule, 0, hit.end) if hit.start < 0 else hit
    return None
