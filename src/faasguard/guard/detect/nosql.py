"""NoSQL injection: MongoDB-style query operators and JavaScript in query strings.

A JSON body can smuggle an operator where the code expects a value
(``{"password": {"$ne": null}}``), and a query string can do the same with bracket syntax
(``password[$ne]=``). :func:`scan` reports an operator as a whole string (a JSON object key, as
:class:`~faasguard.guard.detect.InjectionCheck` passes keys too), an operator key inside JSON
text, bracket syntax, and the JavaScript tautologies and statements used against ``$where``.
Flat regular expressions: linear in the input.
"""

from __future__ import annotations

import re

from faasguard.guard.detect._types import Hit

__all__ = ["NEEDLES", "scan"]

#: Substrings (lower case) one of which every rule needs: the engine's gate.
NEEDLES = ("$", "==", "!=", "this.", "db.", "return", "while", "for")

_OPERATORS = (
    "where ne eq gt gte lt lte in nin regex exists expr function accumulator or and not nor "
    "elemmatch all size type mod text jsonschema lookup merge out graphlookup unionwith "
    "set unset inc push pull rename where"
).split()
_OP = r"\$(?:" + "|".join(sorted(set(_OPERATORS), key=len, reverse=True)) + r")"
_WHOLE = re.compile(_OP, re.IGNORECASE)
_IN_JSON = re.compile(r"[{,]\s*[\"']?" + _OP + r"[\"']?\s*:", re.IGNORECASE)
_BRACKETS = re.compile(r"\[\s*" + _OP + r"\s*\]", re.IGNORECASE)
_JS = re.compile(
    r"[\"']\s*(?:\|\||&&)\s*[\"']?\w*[\"']?\s*[=!]==?\s*[\"']?\w*"
    r"|;\s*return\s+(?:true|1|this\b)|\bthis\.\w+\s*(?:[=!]==?|\.match\s*\()"
    r"|[\"'];\s*(?:while|for)\s*\(|\bdb\.\w+\.(?:find|drop|insert|remove|update)\w*\s*\(",
    re.IGNORECASE,
)


def scan(text: str) -> Hit | None:
    """The first NoSQL injection construct found in ``text`` (already decoded), or None."""
    whole = _WHOLE.fullmatch(text.strip())
    if whole is not None:
        return Hit("nosql.operator", 0, len(text))
    for rule, pattern in (
        ("nosql.operator", _IN_JSON),
        ("nosql.bracket-operator", _BRACKETS),
        ("nosql.javascript", _JS),
    ):
        match = pattern.search(text)
        if match is not None:
            return Hit(rule, match.start(), match.end())
    return None
