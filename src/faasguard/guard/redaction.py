"""Redaction of security log content: by field name and by value pattern.

Field names are compared without case, ``-``, ``_`` or spaces (``apiKey``, ``x-api-key`` and
``API_KEY`` are one name); names of four characters or more also match inside longer names, shorter
ones only exactly (``pin`` does not hide ``shipping``). Values are searched for Luhn-valid card
numbers, JWTs, AWS access key ids, bearer/basic credentials, ``password=...`` pairs and PEM private
key blocks. Patterns are compiled on first use, so importing the guard compiles no regex.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

__all__ = ["DEFAULT_REDACTOR", "DEFAULT_SENSITIVE_NAMES", "MASK", "Redactor", "redact"]

MASK = "[REDACTED]"

DEFAULT_SENSITIVE_NAMES: frozenset[str] = frozenset(
    {
        "password",
        "passwd",
        "passphrase",
        "secret",
        "token",
        "authorization",
        "cookie",
        "apikey",
        "accesskey",
        "privatekey",
        "credential",
        "sessionid",
        "signature",
        "cardnumber",
        "creditcard",
        "ssn",
        "cvv",
        "cvc",
        "pin",
        "pwd",
        "otp",
    }
)
# Short names match only exactly, so "pin" does not hide "shipping".
_EXACT_ONLY = 4

_PATTERNS: dict[str, re.Pattern[str]] = {}


def _pattern(name: str) -> re.Pattern[str]:
    """Compiled on first use, so importing the guard compiles no regex."""
    compiled = _PATTERNS.get(name)
    if compiled is None:
        compiled = _PATTERNS[name] = re.compile(*_SOURCES[name])
    return compiled


_SOURCES: dict[str, tuple[str, int]] = {
    "card": (r"(?<![\d.])(?:\d[ -]?){12,18}\d(?![\d])", 0),
    "jwt": (r"\beyJ[A-Za-z0-9_-]{4,}\.eyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]*", 0),
    "aws_key_id": (r"\b(?:AKIA|ASIA)[A-Z0-9]{16}\b", 0),
    "auth_scheme": (r"(?i)\b(bearer|basic|token)\s+[A-Za-z0-9._~+/=-]{6,}", 0),
    "pair": (
        r"(?i)\b(password|passwd|pwd|secret|token|api[_-]?key|access[_-]?key|"
        r"aws_secret_access_key|client_secret)(\"?\s*[:=]\s*\"?)([^\s\"'&,;}]+)",
        0,
    ),
    "private_key": (
        r"-----BEGIN [A-Z ]{0,24}PRIVATE KEY-----.*?(?:-----END [A-Z ]{0,24}PRIVATE KEY-----|\Z)",
        re.DOTALL,
    ),
}


_PAIR_WORDS = ("pass", "pwd", "secret", "token", "key")


def _luhn(digits: str) -> bool:
    total = 0
    for index, char in enumerate(reversed(digits)):
        value = ord(char) - 48
        if index % 2 == 1:
            value = value * 2 - 9 if value > 4 else value * 2
        total += value
    return total % 10 == 0


def _card_sub(match: re.Match[str]) -> str:
    digits = "".join(c for c in match.group(0) if c.isdigit())
    return MASK if 13 <= len(digits) <= 19 and _luhn(digits) else match.group(0)


class Redactor:
    """Redacts a JSON-like value by field name and by value pattern."""

    def __init__(
        self,
        names: Iterable[str] = DEFAULT_SENSITIVE_NAMES,
        *,
        patterns: bool = True,
        mask: str = MASK,
    ) -> None:
        normalized = {self._norm(n) for n in names}
        self._exact = frozenset(n for n in normalized if len(n) < _EXACT_ONLY)
        self._substr = tuple(sorted(n for n in normalized if len(n) >= _EXACT_ONLY))
        self._patterns = patterns
        self._mask = mask
        self._cache: dict[str, bool] = {}

    @staticmethod
    def _norm(name: str) -> str:
        return name.lower().replace("-", "").replace("_", "").replace(" ", "")

    def sensitive_name(self, name: str) -> bool:
        """True when a field called ``name`` must be hidden."""
        hit = self._cache.get(name)
        if hit is None:
            norm = self._norm(name)
            hit = norm in self._exact or any(token in norm for token in self._substr)
            if len(self._cache) < 4096:
                self._cache[name] = hit
        return hit

    def text(self, value: str) -> str:
        """A string with sensitive patterns masked."""
        if not self._patterns or len(value) < 6:
            return value
        mask = self._mask
        if "PRIVATE KEY" in value:
            value = _pattern("private_key").sub(mask, value)
        if "eyJ" in value:
            value = _pattern("jwt").sub(mask, value)
        low = value.lower()
        if "bearer" in low or "basic" in low or "token" in low:
            value = _pattern("auth_scheme").sub(lambda m: f"{m.group(1)} {mask}", value)
        if any(word in low for word in _PAIR_WORDS):
            value = _pattern("pair").sub(lambda m: f"{m.group(1)}{m.group(2)}{mask}", value)
        if "AKIA" in value or "ASIA" in value:
            value = _pattern("aws_key_id").sub(mask, value)
        return _pattern("card").sub(_card_sub, value)

    def __call__(self, value: Any, _depth: int = 0) -> Any:
        """A redacted copy of a JSON-like value (dicts, lists, strings, scalars)."""
        if isinstance(value, str):
            return self.text(value)
        if _depth > 32:
            return self._mask
        if isinstance(value, Mapping):
            return {
                str(k): (self._mask if self.sensitive_name(str(k)) else self(v, _depth + 1))
                for k, v in value.items()
            }
        if isinstance(value, (list, tuple)):
            return [self(v, _depth + 1) for v in value]
        if value is None or isinstance(value, (bool, int, float)):
            return value
        return self.text(str(value))


DEFAULT_REDACTOR = Redactor()


def redact(value: Any) -> Any:
    """Redact a JSON-like value with the default names and patterns."""
    return DEFAULT_REDACTOR(value)
