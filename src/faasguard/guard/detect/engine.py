"""The detector: :func:`detect` decodes one string and runs each scanner its cheap gate allows.

Each scanner is linear in its input and the input is capped at
:data:`~faasguard.guard.detect._types.MAX_SCAN` characters, so a string costs at most a few
milliseconds whatever it holds. The common case is made cheap in three steps:

1. a string of letters and digits only returns at once;
2. a "plain" string (no blank, quote, bracket, shell, markup or template character, no ``@@``
   or ``--``: ids, ARNs, dates, e-mail addresses, host names) can only match a few rules
   (``etcpasswd``, ``vbscript:msgbox``, ``169.254.169.254``); one compiled search for what
   those rules need clears almost every such string;
3. otherwise each scanner runs only if its gate (substring tests on the lower-cased text)
   finds something it needs.

A string that is itself a JSON document (an SNS message or an EventBridge ``detail`` carried as
text) is parsed and its keys and string values are scanned one by one, already decoded, instead
of running every scanner over the whole text: the same attacks are found (every rule looks
inside one value), for a fraction of the cost.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from typing import Any

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
from faasguard.guard.detect._types import FRAGMENT_MAX, MAX_SCAN, Detection, DetectionKind, Hit
from faasguard.guard.detect.decode import canonical, from_base64

__all__ = ["ALL_KINDS", "detect"]

ALL_KINDS: frozenset[DetectionKind] = frozenset(DetectionKind)

_Scanner = Callable[[str], "Hit | None"]
_Gate = Callable[[str], bool]  # called with the lower-cased text

# Any character that makes a string not "plain" (see the module docstring); "@@" and "--" are
# tested apart with C-speed substring tests, which a regular expression alternation is not.
_SPECIAL = re.compile(r"[\s'\"`<>;|&$(){}\[\]%/\\=#*!?^~+,]")


def is_plain(text: str) -> bool:
    """Whether ``text`` has none of the characters most rules need (see the module docstring)."""
    return _SPECIAL.search(text) is None and "--" not in text and "@@" not in text


def _sql_gate() -> _Gate:
    """A necessary condition for any SQL rule: quote, comment, ``&&``/``||``, ``@@``, a leading
    ``(``, a keyword that one of the rules needs, or a function name they know and a ``(``."""
    # "/*" opens a comment, except in "*/*" (a MIME wildcard), which the lexer reads as the
    # end marker of an executable comment and a "*".
    chars = re.compile(r"['\"`#]|--|(?<!\*)/\*|&&|\|\||@@|^\s*\(")
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


def needle_pattern(needles: tuple[str, ...]) -> re.Pattern[str]:
    """One compiled search for any of ``needles``, grouped by first character: a literal
    alternation, which the regular expression engine runs faster than one substring test per
    needle from Python."""
    groups: dict[str, set[str]] = {}
    for needle in needles:
        groups.setdefault(needle[0], set()).add(needle[1:])
    branches = []
    for first, rests in groups.items():
        if "" in rests:
            branches.append(re.escape(first))
        else:
            tails = "|".join(re.escape(r) for r in sorted(rests, key=len, reverse=True))
            branches.append(f"{re.escape(first)}(?:{tails})")
    return re.compile("|".join(branches))


def _needle_gate(needles: tuple[str, ...], also: _Gate | None = None) -> _Gate:
    """True when the lower-cased text holds one of ``needles`` (or ``also`` says so)."""
    search = needle_pattern(needles).search

    def gate(lowered: str) -> bool:
        return search(lowered) is not None or (also is not None and also(lowered))

    return gate


_EVENT_ATTRIBUTE = re.compile(r"on[a-z]{3,30}[^=>]{0,40}=")


def _xss_also(lowered: str) -> bool:
    """An event handler ("onerror=", "onload!#=", "onerror[c]="): what the handler rules need."""
    return "=" in lowered and _EVENT_ATTRIBUTE.search(lowered) is not None


# What the rules that can match a plain string need, per scanner.
_XSS_PLAIN = ("script:", "vbs:", "mocha:", "binding", "behavio")
_SSRF_PLAIN = ("169.254", "fd00:ec2", "metadata.google", "100.100.100.200")
_PLAIN_SUSPECT = needle_pattern((*_XSS_PLAIN, *traversal.PLAIN_NEEDLES, *_SSRF_PLAIN))

# In DetectionKind order: detections come out in this order. Each gate is a necessary condition
# of every rule of its scanner, and each plain gate of every rule that can match a plain string
# (None: no rule can); a test checks that no gate hides a detection on the corpora.
_SCANNERS: tuple[tuple[DetectionKind, _Gate, _Scanner, _Gate | None], ...] = (
    (DetectionKind.SQLI, _sql_gate(), sqli.scan, None),
    (DetectionKind.XSS, _needle_gate(xss.NEEDLES, _xss_also), xss.scan, _needle_gate(_XSS_PLAIN)),
    (DetectionKind.CMDI, _needle_gate(cmdi.NEEDLES, cmdi.extra_gate), cmdi.scan, None),
    (
        DetectionKind.PATH_TRAVERSAL,
        _needle_gate(traversal.NEEDLES),
        traversal.scan,
        _needle_gate(traversal.PLAIN_NEEDLES),
    ),
    (DetectionKind.SSRF, _needle_gate(ssrf.NEEDLES), ssrf.scan, _needle_gate(_SSRF_PLAIN)),
    (DetectionKind.NOSQL, _needle_gate(nosql.NEEDLES), nosql.scan, None),
    (DetectionKind.TEMPLATE, _needle_gate(template.NEEDLES), template.scan, None),
    (DetectionKind.LOG4SHELL, _needle_gate(log4shell.NEEDLES), log4shell.scan, None),
)

# A JSON document inside a string: at most this deep, and this many values, else scanned as text.
_JSON_DEPTH = 32
_JSON_VALUES = 4096
_JSON_NESTING = 4  # JSON text inside a JSON string inside ...


def _fragment(text: str, hit: Hit) -> str:
    start = max(hit.start, 0)
    end = min(max(hit.end, start + 1), start + FRAGMENT_MAX, len(text))
    return text[start:end]


def _json_strings(node: Any, depth: int, out: list[str]) -> bool:
    """Collect the keys and string values of a parsed document; False when over the limits."""
    if depth > _JSON_DEPTH or len(out) > _JSON_VALUES:
        return False
    if isinstance(node, str):
        out.append(node)
    elif isinstance(node, dict):
        for key, value in node.items():
            out.append(key)
            if not _json_strings(value, depth + 1, out):
                return False
    elif isinstance(node, list):
        for value in node:
            if not _json_strings(value, depth + 1, out):
                return False
    return True


def _as_json(scanned: str) -> list[str] | None:
    """The strings of ``scanned`` when it is a JSON object or array, else None."""
    stripped = scanned.strip()
    if not (
        (stripped[:1] == "{" and stripped[-1:] == "}")
        or (stripped[:1] == "[" and stripped[-1:] == "]")
    ):
        return None
    try:
        document = json.loads(stripped)
    except (ValueError, RecursionError):
        return None
    strings: list[str] = []
    return strings if _json_strings(document, 0, strings) else None


def _scan(scanned: str, kinds: frozenset[DetectionKind] | None) -> Iterator[Detection]:
    """The detections in one decoded string, in kind order (at most one per kind)."""
    lowered = scanned.lower()
    plain = is_plain(lowered)
    if plain and _PLAIN_SUSPECT.search(lowered) is None:
        return
    for kind, gate, scanner, plain_gate in _SCANNERS:
        if kinds is not None and kind not in kinds:
            continue
        if plain:
            if plain_gate is None or not plain_gate(lowered):
                continue
        elif not gate(lowered):
            continue
        hit = scanner(scanned)
        if hit is not None:
            yield Detection(kind, hit.rule, _fragment(scanned, hit))


def _scan_document(
    strings: list[str], kinds: frozenset[DetectionKind] | None, depth: int = 0
) -> list[Detection]:
    """The detections in the strings of a document (a value that is JSON again is opened too,
    to a few levels), at most one per kind, in kind order."""
    found: dict[DetectionKind, Detection] = {}
    for value in strings:
        if not value or value.isalnum():
            continue
        value = value[:MAX_SCAN]
        inner = _as_json(value) if value[:1] in "{[" and depth < _JSON_NESTING else None
        detections = _scan_document(inner, kinds, depth + 1) if inner else _scan(value, kinds)
        for detection in detections:
            found.setdefault(detection.kind, detection)
    return [found[kind] for kind in DetectionKind if kind in found]


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
    compatibility forms are always undone first; only the first 64 KiB are scanned. A string
    holding a JSON document is scanned value by value.
    """
    if not text or text.isalnum():
        return []
    if base64:
        decoded = from_base64(text)
        if decoded is not None:
            text = decoded
    scanned = canonical(text)
    if scanned[:1] in "{[" or scanned[:1].isspace():
        document = _as_json(scanned)
        if document is not None:
            return _scan_document(document, kinds)
    return list(_scan(scanned, kinds))
