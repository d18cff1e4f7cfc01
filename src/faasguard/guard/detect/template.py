"""Server-side template injection: template syntax holding an expression, not a placeholder.

``Hello {{name}}`` is a placeholder; ``{{7*7}}``, ``{{''.__class__.__mro__}}``,
``${T(java.lang.Runtime).getRuntime()}``, ``#{7*7}``, ``<%= system('id') %>`` are code for
Jinja2, Twig, Freemarker, Spring EL, JSF EL, Thymeleaf, ERB, JSP, Velocity, Smarty and
friends. :func:`scan` finds each delimited block (bounded to 200 characters) and reports it
when its content is an expression: arithmetic on literals, a call, an index, a dunder or
reflection name, a class or object that leads to code execution. Also reports Freemarker /
Velocity / Smarty directives that execute (``<#assign``, ``?new()``, ``#set($``, ``{php}``).
``${jndi:...}`` belongs to :mod:`.log4shell`. Flat regular expressions: linear in the input.
"""

from __future__ import annotations

import re

from faasguard.guard.detect._types import Hit

__all__ = ["NEEDLES", "scan"]

#: Substrings (lower case) one of which every rule needs: the engine's gate.
NEEDLES = ("{", "%", "@(", "<#", "?new", "#set", "$class", "#foreach")

_BLOCK = re.compile(
    r"\{\{(?P<a>[^{}]{1,200})\}\}|\{%(?P<b>[^%]{1,200})%\}|[$#*@~]\{(?P<c>[^{}]{1,200})\}"
    r"|<%=?(?P<d>[^%]{1,200})%>|@\((?P<e>[^()]{1,200})\)",
)
# Content that is code in any template language.
_EXPRESSION = re.compile(
    r"\d\s*[-+*/%]\s*\d|__\w+__|\w\s*\(|\[\s*['\"\d]|\bT\s*\(|@java|java\.(?:lang|io|net)"
    r"|\b(?:runtime|getruntime|processbuilder|getclass|forname|classloader|constructor"
    r"|subprocess|popen|eval|exec|import|system|getattr|globals|builtins|mro|subclasses)\b"
    r"|\.class\b|\|\s*attr\b|\?\s*new\b|\|\s*(?:e|map|join)\(",
    re.IGNORECASE,
)
# Jinja2 / Twig / Django globals that dump configuration or lead to code: only in {{ }} / {% %}.
_JINJA_GLOBALS = re.compile(
    r"^\s*(?:config|self|request|lipsum|cycler|joiner|namespace|settings|session|_self|app)\b",
    re.IGNORECASE,
)
_DIRECTIVE = re.compile(
    r"<#(?:assign|import|include|attempt)\b|\?new\s*\(\)|#set\s*\(\s*\$|\$class\.inspect"
    r"|#foreach\s*\(|\{php\}|\{/php\}|\{\s*(?:system|exec|passthru|shell_exec)\s*\("
    r"|\{\{\s*(?:range|define|template)\b",
    re.IGNORECASE,
)


def scan(text: str) -> Hit | None:
    """The first template injection found in ``text`` (already decoded), or None."""
    directive = _DIRECTIVE.search(text)
    if directive is not None:
        return Hit("template.directive", directive.start(), directive.end())
    for match in _BLOCK.finditer(text):
        content = next(group for group in match.groups() if group is not None)
        if content.lstrip().lower().startswith("jndi:"):
            continue
        if _EXPRESSION.search(content) is not None:
            return Hit("template.expression", match.start(), match.end())
        jinja = match.group("a") or match.group("b")
        if jinja is not None and _JINJA_GLOBALS.search(jinja) is not None:
            return Hit("template.global", match.start(), match.end())
    return None
