"""What the secret scanner reports, and how one literal is judged.

:func:`judge` decides for one value (and the name it is stored under, if any) whether it is a
secret, reusing the shared patterns of ``secret_patterns.json`` through
:mod:`faasguard.rules.iac._secrets`, plus the scanner's own filters from ``secret_scan.json``
(vendors' documentation examples, values that cannot be credentials).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum
from functools import cache

from faasguard.analysis.secrets.patterns import (
    SecretKind,
    SecretMatch,
    ValuePattern,
    is_placeholder,
    is_reference,
    looks_random,
    normalise_name,
    patterns,
    secret_name,
)
from faasguard.analysis.secrets.settings import settings
from faasguard.core.enums import Confidence, Severity
from faasguard.core.location import Location

PRIVATE_KEY = "private-key"  # the pattern id of PEM private keys in secret_patterns.json
AWS_KEY_ID = "aws-access-key-id"


class SecretSite(str, Enum):
    """Which rule reports a secret: where it was written, or what it is."""

    CODE = "code"  # SEC001: Python source, comments included
    FILE = "file"  # SEC002: configuration, templates and every other committed text file
    PRIVATE_KEY = "private-key"  # SEC003: private keys and key stores, wherever they are


@dataclass(frozen=True, slots=True)
class Literal:
    """A literal value of a file, with the name it is stored under (None: judged by format
    only)."""

    value: str
    location: Location
    name: str | None
    context: str  # "keyword argument password", "key DB_PASSWORD", "string", "comment"


@dataclass(frozen=True, slots=True)
class FoundSecret:
    site: SecretSite
    location: Location
    kind: SecretKind
    pattern: str  # the pattern id: "aws-access-key-id", "password", "entropy", "keystore"
    description: str  # for messages: "an AWS access key id"
    severity: Severity
    confidence: Confidence
    masked: str  # the value as messages may show it (see `mask`)
    context: str  # where it is written: "keyword argument password", "key DB_PASSWORD", ...
    paired_line: int | None = None  # the line of the other half of an AWS key pair


def judge(name: str | None, value: str) -> SecretMatch | None:
    """Whether a literal is a secret: a known credential format anywhere in it, a usable
    value under a secret-like name, or (under a name that is not a digest or id) a long
    random-looking value."""
    text = value.strip()
    if not text or is_reference(text) or is_placeholder(text):
        return None
    found = find_format(text)
    if found is not None:
        return found
    if name is None or text in settings().documentation_examples:
        return None
    matched = secret_name(name)
    if matched is not None:
        return _by_name(matched, text)
    exempt = settings().entropy_exempt_names.search(normalise_name(name))
    if exempt is None and looks_random(text):
        return SecretMatch(
            SecretKind.ENTROPY, "entropy", "a random-looking value", Severity.MEDIUM, Confidence.LOW
        )
    return None


def _by_name(matched: str, text: str) -> SecretMatch | None:
    scan = settings()
    if len(text) < 4 or scan.not_credential.match(text):
        return None
    if scan.plain_word.match(text):
        if matched != "password":
            return None  # tokens and keys are never plain words: a label or a mode
        return SecretMatch(
            SecretKind.NAME, matched, "a literal password", Severity.HIGH, Confidence.LOW
        )
    return SecretMatch(
        SecretKind.NAME,
        matched,
        "a literal value under a secret-like name",
        Severity.HIGH,
        Confidence.MEDIUM,
    )


def candidate_formats(text: str) -> list[ValuePattern]:
    """The credential formats worth searching `text` for: those whose hint text it contains
    (and those without hints), in the order of secret_patterns.json."""
    hints = settings().format_hints
    found = set(_hint_regex().findall(text))
    if not found:
        return _unhinted()
    return [
        pattern
        for pattern in patterns().values
        if pattern.id not in hints or found.intersection(hints[pattern.id])
    ]


@cache
def _unhinted() -> list[ValuePattern]:
    hints = settings().format_hints
    return [pattern for pattern in patterns().values if pattern.id not in hints]


@cache
def _hint_regex() -> re.Pattern[str]:
    hints = {hint for group in settings().format_hints.values() for hint in group}
    return re.compile("|".join(re.escape(h) for h in sorted(hints, key=len, reverse=True)))


def find_format(text: str) -> SecretMatch | None:
    """The first known credential format in `text` that is not a documentation example nor
    wraps a placeholder (``https://user:password@host``)."""
    for pattern in candidate_formats(text):
        for match in pattern.regex.finditer(text):
            if usable_format(pattern.id, match.group(0)):
                return SecretMatch(
                    SecretKind.FORMAT,
                    pattern.id,
                    article(pattern.name),
                    pattern.severity,
                    Confidence.HIGH,
                )
    return None


def usable_format(pattern_id: str, matched: str) -> bool:
    """Whether text matching a credential format can be a real credential."""
    scan = settings()
    if matched in scan.documentation_examples:
        return False
    wrapper = scan.format_secrets.get(pattern_id)
    found = wrapper.search(matched) if wrapper is not None else None
    if found is None:
        return True
    secret = found.group("secret")
    return not (is_placeholder(secret) or scan.plain_word.match(secret))


def site_of(match: SecretMatch, default: SecretSite) -> SecretSite:
    return SecretSite.PRIVATE_KEY if match.pattern == PRIVATE_KEY else default


def article(name: str) -> str:
    return f"an {name}" if name[:1].lower() in "aeiou" else f"a {name}"


__all__ = [
    "AWS_KEY_ID",
    "PRIVATE_KEY",
    "FoundSecret",
    "Literal",
    "SecretSite",
    "article",
    "candidate_formats",
    "find_format",
    "judge",
    "site_of",
    "usable_format",
]
