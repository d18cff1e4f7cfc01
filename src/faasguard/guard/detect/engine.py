"""The detector: :func:`detect` decodes one string and runs each scanner its cheap gate allows.

Each scanner is linear in its input and the input is capped at
:data:`~faasguard.guard.detect._types.MAX_SCAN` characters, so a string costs at most a few
milliseconds whatever it holds. Before any scanner runs, a string of letters and digits only
returns at once, and each scanner is skipped unless its gate (one compiled character-class search)
finds a character it needs: the common case, a benign short value, costs about a microsecond.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from faasguard.guard.detect import (
    cmdi,
    log4shell,
    nosql,
    sql_words,
    sqli,
    ssrf,
    template,
    traversal,
    xss,
)
from faasguard.guard.detect._types import FRAGMENT_MAX, Detection, DetectionKind, Hit
from faasguard.guard.detect.decode import canonical, from_base64

__all__ = ["ALL_KINDS", "detect"]

ALL_KINDS: frozenset[DetectionKind] = frozenset(DetectionKind)

_Scanner = Callable[[str], "Hit | None"]
_Gate = Callable[[str], bool]  # called with the lower-cased text

# A "plain" string (no whitespace, no quote, bracket or shell, markup or template character,
# no "@@" or "--"): ids, ARNs, dates, emails, numbers, host names. Only path, SSRF and
# script-URL rules can match one ("etcpasswd", "169.254.169.254", "vbscript:msgbox"), so only
# those scanners run.
_NOT_PLAIN = re.compile(r"[\s'\"`<>;|&$(){}\[\]%/\\=#*!?^~+,]|@@|--")


def _sql_gate() -> _Gate:
    """A necessary condition for any SQL rule: quote, comment, ``&&``/``||``, ``@@``, a leading
    ``(``, a keyword that one of the rules needs, or a function name they know and a ``(``."""
    chars = re.compile(r"['\"`#]|--|/\*|&&|\|\||@@|^\s*\(")
    word = re.compile(r"[a-z_][\w$]*")
    keywords = (
        sql_words.LOGIC
        | sql_words.UNION
        | sql_words.STATEMENTS
        | {"case", "where", "having", "order", "group", "into", "procedure", "waitfor"}
        | {part for name in sql_words.STRONG_NAMES for part in word.findall(name)}
    )
    functions = (
        sql_words.ATTACK_FUNCTIONS | sql_words.PROBE_FUNCTIONS | sql_words.CONDITIONAL_FUNCTIONS
    )

    def gate(lowered: str) -> bool:
        if chars.search(lowered) is not None:
            return True
        words = set(word.findall(lowered))
        if not keywords.isdisjoint(words):
            return True
        return "(" in lowered and not functions.isdisjoint(words)

    return gate


def _needle_gate(needles: tuple[str, ...], also: _Gate | None = None) -> _Gate:
    """True when the lower-cased text holds one of ``needles`` (each a C-speed substring test)."""

    def gate(lowered: str) -> bool:
        for needle in needles:
            if needle in lowered:
                return True
        return also is not None and also(lowered)

    return gate


def _xss_also(lowered: str) -> bool:
    return "=" in lowered and "on" in lowered  # an event handler: onerror=


# In DetectionKind order: detections come out in this order. Each gate is a necessary condition
# of every rule of its scanner (a test checks that no gate hides a detection on the corpora).
# The last field says whether the scanner can match a plain string (see _NOT_PLAIN).
_SCANNERS: tuple[tuple[DetectionKind, _Gate, _Scanner, bool], ...] = (
    (DetectionKind.SQLI, _sql_gate(), sqli.scan, False),
    (DetectionKind.XSS, _needle_gate(xss.NEEDLES, _xss_also), xss.scan, True),
    (DetectionKind.CMDI, _needle_gate(cmdi.NEEDLES, cmdi.starts_with_command), cmdi.scan, False),
    (DetectionKind.PATH_TRAVERSAL, _needle_gate(traversal.NEEDLES), traversal.scan, True),
    (DetectionKind.SSRF, _needle_gate(ssrf.NEEDLES), ssrf.scan, True),
    (DetectionKind.NOSQL, _needle_gate(nosql.NEEDLES), nosql.scan, False),
    (DetectionKind.TEMPLATE, _needle_gate(template.NEEDLES), template.scan, False),
    (DetectionKind.LOG4SHELL, _needle_gate(log4shell.NEEDLES), log4shell.scan, False),
)


def _fragment(text: str, hit: Hit) -> str:
    start = max(hit.start, 0)
    end = min(max(hit.end, start + 1), start + FRAGMENT_MAX, len(text))
    return text[start:end]


def detect(
    text: str,
    *,
    kinds: frozenset[DetectionKind] | None = None,
    base64: bool = False,
) -> list[Detection]:
    """The injections found in one string: at most one :class:`Detection` per kind.

    ``kinds`` limits the scanners run (default: all). ``base64=True`` says the value is base64
    (as a declared binary body is): it is decoded first, and scanned as is if it does not
    decode to UTF-8 text. Percent-encoding (repeated), HTML entities, NUL bytes and Unicode
    compatibility forms are always undone first; only the first 64 KiB are scanned.
    """
    if not text or text.isalnum():
        return []
    if base64:
        decoded = from_base64(text)
        if decoded is not None:
            text = decoded
    scanned = canonical(text)
    lowered = scanned.lower()
    plain = _NOT_PLAIN.search(scanned) is None
    found: list[Detection] = []
    for kind, gate, scanner, plain_ok in _SCANNERS:
        if (plain and not plain_ok) or (kinds is not None and kind not in kinds):
            continue
        if not gate(lowered):
            continue
        hit = scanner(scanned)
        if hit is not None:
            found.append(Detection(kind, hit.rule, _fragment(scanned, hit)))
    return found
