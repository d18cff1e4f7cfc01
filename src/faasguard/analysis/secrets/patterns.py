"""What a secret looks like: names, known credential formats, references and entropy.

Pure helpers over ``faasguard/data/secret_patterns.json``; nothing here knows the application
model, so the code secret scanner can reuse them. :func:`classify` decides for one name and
value; :func:`mask` is the only way a matched value may appear in a message.
"""

from __future__ import annotations

import json
import math
import re
from collections import Counter
from dataclasses import dataclass
from enum import Enum
from functools import cache
from importlib import resources
from typing import Any

from faasguard.core.enums import Confidence, Severity

_CAMEL = re.compile(r"([a-z0-9])([A-Z])")
_SEPARATORS = re.compile(r"[^A-Za-z0-9]+")
_BASE64_CHARS = re.compile(r"^[A-Za-z0-9+/=_-]+$")
_HEX_CHARS = re.compile(r"^[0-9a-fA-F]+$")


class SecretKind(str, Enum):
    FORMAT = "format"  # a known credential format (AWS key id, private key, ...)
    NAME = "name"  # a literal under a secret-like name (DB_PASSWORD: hunter22)
    ENTROPY = "entropy"  # a long random-looking literal


@dataclass(frozen=True, slots=True)
class ValuePattern:
    id: str
    name: str
    regex: re.Pattern[str]
    severity: Severity


@dataclass(frozen=True, slots=True)
class EntropySettings:
    min_length: int
    base64_bits: float
    hex_bits: float
    hex_min_length: int
    not_random: re.Pattern[str]


@dataclass(frozen=True, slots=True)
class SecretPatterns:
    secret_names: tuple[tuple[str, re.Pattern[str]], ...]
    not_secret_names: tuple[re.Pattern[str], ...]
    values: tuple[ValuePattern, ...]
    references: tuple[re.Pattern[str], ...]
    placeholder: re.Pattern[str]
    entropy: EntropySettings

    @classmethod
    def from_data(cls, data: dict[str, Any]) -> SecretPatterns:
        names, entropy = data["names"], data["entropy"]
        return cls(
            secret_names=tuple((p["id"], re.compile(p["regex"])) for p in names["secret"]),
            not_secret_names=tuple(re.compile(p["regex"]) for p in names["not_secret"]),
            values=tuple(
                ValuePattern(p["id"], p["name"], re.compile(p["regex"]), Severity(p["severity"]))
                for p in data["values"]
            ),
            references=tuple(re.compile(p["regex"]) for p in data["references"]["patterns"]),
            placeholder=re.compile(data["placeholders"]["regex"]),
            entropy=EntropySettings(
                min_length=int(entropy["min_length"]),
                base64_bits=float(entropy["base64_bits"]),
                hex_bits=float(entropy["hex_bits"]),
                hex_min_length=int(entropy["hex_min_length"]),
                not_random=re.compile(entropy["not_random"]["regex"]),
            ),
        )


@dataclass(frozen=True, slots=True)
class SecretMatch:
    kind: SecretKind
    pattern: str  # the pattern id: "aws-access-key-id", "password", "entropy"
    description: str  # for messages: "an AWS access key id"
    severity: Severity
    confidence: Confidence


def load_data() -> dict[str, Any]:
    text = (resources.files("faasguard") / "data" / "secret_patterns.json").read_text("utf-8")
    data: dict[str, Any] = json.loads(text)
    return data


@cache
def patterns() -> SecretPatterns:
    return SecretPatterns.from_data(load_data())


def normalise_name(name: str) -> str:
    """``dbPassword`` / ``DB-PASSWORD`` / ``db.password`` -> ``db_password``."""
    snake = _CAMEL.sub(r"\1_\2", name)
    return _SEPARATORS.sub("_", snake).strip("_").lower()


def secret_name(name: str) -> str | None:
    """The id of the secret-name pattern `name` matches, unless it names a reference to a
    secret (``DB_PASSWORD_ARN``), a public value or a setting."""
    normal = normalise_name(name)
    found = patterns()
    if any(p.search(normal) for p in found.not_secret_names):
        return None
    return next((pid for pid, regex in found.secret_names if regex.search(normal)), None)


def is_reference(value: str) -> bool:
    """A pointer to a secrets store (dynamic reference, ARN, parameter path), not a secret."""
    stripped = value.strip()
    return any(p.search(stripped) for p in patterns().references)


def is_placeholder(value: str) -> bool:
    return patterns().placeholder.match(value.strip()) is not None


def find_format(text: str) -> ValuePattern | None:
    """The first known credential format found anywhere in `text`."""
    return next((p for p in patterns().values if p.regex.search(text)), None)


def shannon_entropy(text: str) -> float:
    """Bits per character of `text` over its own character frequencies."""
    if not text:
        return 0.0
    total = len(text)
    return -sum(n / total * math.log2(n / total) for n in Counter(text).values())


def looks_random(text: str) -> bool:
    """Long, no spaces, not a URL/ARN/path/UUID/e-mail, and random enough for its alphabet."""
    settings = patterns().entropy
    value = text.strip()
    if len(value) < settings.min_length or settings.not_random.match(value):
        return False
    if _HEX_CHARS.match(value):
        return (
            len(value) >= settings.hex_min_length
            and any(c.isdigit() for c in value)
            and any(c.isalpha() for c in value)
            and shannon_entropy(value) >= settings.hex_bits
        )
    if not _BASE64_CHARS.match(value):
        return False
    mixed = (
        any(c.islower() for c in value)
        and any(c.isupper() for c in value)
        and any(c.isdigit() or c in "+/" for c in value)
    )
    return mixed and shannon_entropy(value) >= settings.base64_bits


def classify(name: str | None, value: str) -> SecretMatch | None:
    """Whether a literal `value` (held under `name`, if any) is a secret, and how sure we are.

    Known formats win; then a secret-like name with a usable value; then entropy alone."""
    if is_reference(value) or is_placeholder(value):
        return None
    found = find_format(value)
    if found is not None:
        return SecretMatch(
            SecretKind.FORMAT, found.id, _article(found.name), found.severity, Confidence.HIGH
        )
    matched_name = secret_name(name) if name else None
    if matched_name is not None and len(value.strip()) >= 4:
        return SecretMatch(
            SecretKind.NAME,
            matched_name,
            "a literal value under a secret-like name",
            Severity.HIGH,
            Confidence.MEDIUM,
        )
    if looks_random(value):
        return SecretMatch(
            SecretKind.ENTROPY, "entropy", "a random-looking value", Severity.MEDIUM, Confidence.LOW
        )
    return None


def mask(value: str) -> str:
    """A value fit for a message: at most its first four characters, then its length."""
    text = value.strip()
    shown = text[:4] if len(text) >= 12 else ""
    return f"{shown}…({len(text)} characters)"


def _article(name: str) -> str:
    return f"an {name}" if name[:1].lower() in "aeiou" else f"a {name}"


__all__ = [
    "SecretKind",
    "SecretMatch",
    "SecretPatterns",
    "ValuePattern",
    "classify",
    "find_format",
    "is_placeholder",
    "is_reference",
    "load_data",
    "looks_random",
    "mask",
    "normalise_name",
    "patterns",
    "secret_name",
    "shannon_entropy",
]
