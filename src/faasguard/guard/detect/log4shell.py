"""Log4Shell (CVE-2021-44228) and related lookup injection: ``${jndi:ldap://...}``.

Attackers hide the lookup behind nested lookups that Log4j resolves first:
``${${lower:j}ndi:...}``, ``${${::-j}${::-n}di:...}``, ``${${env:NOPE:-j}ndi:...}``,
``${${date:'j'}ndi:...}``. :func:`scan` resolves those the way Log4j would (innermost first,
``lower``/``upper``, ``:-`` defaults, quoted ``date`` patterns), in one left-to-right pass with
a stack, then looks for ``${jndi:``. A nested lookup that only spells letters is reported on its
own (no benign value needs it), and so are lookups that read secrets into a log line
(``${env:``, ``${sys:``, ``${java:``...) inside another lookup. Linear in the input.
"""

from __future__ import annotations

import re

from faasguard.guard.detect._types import Hit

__all__ = ["NEEDLES", "resolve", "scan"]

#: The substring every rule needs: the engine's gate.
NEEDLES = ("${",)

_MARK = re.compile(r"\$\{|\}")
_DATE_LITERAL = re.compile(r"date:'([^']*)'", re.IGNORECASE)
_OBFUSCATION = re.compile(r"\$\{\s*(?:lower|upper|::-|date:'|env:[^}:]*:-)", re.IGNORECASE)
_JNDI = re.compile(r"\$\{\s*jndi\s*:", re.IGNORECASE)
_LEAK = re.compile(
    r"\$\{[^{}]*\$\{\s*(?:env|sys|java|ctx|main|bundle|k8s|docker|spring|web|jvmrunargs):",
    re.IGNORECASE,
)
_MAX_DEPTH = 64


def _resolve_one(content: str) -> str:
    """The value Log4j gives ``${content}`` when it is a case or default lookup."""
    lowered = content.lower()
    default = content.find(":-")
    if default >= 0:
        return content[default + 2 :]
    if lowered.startswith("lower:"):
        return content[6:].lower()
    if lowered.startswith("upper:"):
        return content[6:].upper()
    date = _DATE_LITERAL.fullmatch(content)
    if date is not None:
        return date.group(1)
    return "${" + content + "}"


def resolve(text: str) -> str:
    """``text`` with case, default and date-literal lookups resolved (innermost first)."""
    stack: list[list[str]] = [[]]
    pos = 0
    for match in _MARK.finditer(text):
        stack[-1].append(text[pos : match.start()])
        pos = match.end()
        if match.group() == "${":
            if len(stack) > _MAX_DEPTH:
                stack[-1].append("${")
            else:
                stack.append([])
        elif len(stack) > 1:
            inner = "".join(stack.pop())
            stack[-1].append(_resolve_one(inner))
        else:
            stack[-1].append("}")
    stack[-1].append(text[pos:])
    while len(stack) > 1:  # unterminated lookups stay as written
        inner = "".join(stack.pop())
        stack[-1].append("${" + inner)
    return "".join(stack[0])


def scan(text: str) -> Hit | None:
    """The first Log4j lookup injection found in ``text`` (already decoded), or None."""
    if "${" not in text:
        return None
    direct = _JNDI.search(text)
    if direct is not None:
        return Hit("log4shell.jndi", direct.start(), direct.end())
    obfuscated = _OBFUSCATION.search(text)
    if obfuscated is not None:
        if _JNDI.search(resolve(text)) is not None:
            return Hit("log4shell.jndi-obfuscated", obfuscated.start(), obfuscated.end())
        if text.find("${", obfuscated.end()) >= 0 or text.find("${") < obfuscated.start():
            return Hit("log4shell.nested-lookup", obfuscated.start(), obfuscated.end())
    leak = _LEAK.search(text)
    if leak is not None:
        return Hit("log4shell.secret-lookup", leak.start(), leak.end())
    return None
