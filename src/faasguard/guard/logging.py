"""Security events: one JSON line per decision, redacted, with CloudWatch EMF metrics.

Every line carries the timestamp, request id, rule, outcome (``allow``, ``block``, ``alert``), the
caller (IP and principal) and the function name. Values are redacted by field name (password,
secret, token, authorization, cookie, api key, ...) and by pattern (Luhn-valid card numbers, JWTs,
AWS access keys, bearer and basic credentials, ``password=...`` pairs, private key blocks) before
anything is written. With ``emf=True`` the same line is a CloudWatch Embedded Metric Format record
counting decisions by outcome and by rule.
"""

from __future__ import annotations

import enum
import json
import os
import re
import sys
import time
from collections.abc import Callable, Iterable, Mapping
from typing import Any

from faasguard.guard._request import Request

__all__ = ["DEFAULT_SENSITIVE_NAMES", "Outcome", "Redactor", "SecurityLogger", "redact"]

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


_DEFAULT_REDACTOR = Redactor()


def redact(value: Any) -> Any:
    """Redact a JSON-like value with the default names and patterns."""
    return _DEFAULT_REDACTOR(value)


class Outcome(enum.Enum):
    """What the guard decided."""

    ALLOW = "allow"
    BLOCK = "block"
    ALERT = "alert"


_METRIC_NAMES = {Outcome.ALLOW: "Allowed", Outcome.BLOCK: "Blocked", Outcome.ALERT: "Alerted"}


_ISO_CACHE: list[Any] = [None, ""]


def _iso(now: float) -> str:
    """UTC ISO 8601 with milliseconds, e.g. ``2024-05-01T12:00:00.123Z``."""
    seconds = int(now)
    millis = int((now - seconds) * 1000)
    cache = _ISO_CACHE
    if cache[0] != seconds:  # strftime once per second
        cache[1] = time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(seconds))
        cache[0] = seconds
    return f"{cache[1]}.{millis:03d}Z"


_ENCODER = json.JSONEncoder(separators=(",", ":"), default=str)


def _stdout_writer(line: str) -> None:
    sys.stdout.write(line + "\n")


class SecurityLogger:
    """Writes one JSON line per security decision through ``writer`` (default: stdout).

    ``environ`` is read once, for the function name (``AWS_LAMBDA_FUNCTION_NAME``, then
    ``K_SERVICE`` / ``WEBSITE_SITE_NAME``) when the Lambda context does not give one.
    A failing writer never breaks the handler: the line is dropped and counted in ``dropped``.
    """

    def __init__(
        self,
        writer: Callable[[str], object] | None = None,
        *,
        clock: Callable[[], float] = time.time,
        environ: Mapping[str, str] | None = None,
        function_name: str | None = None,
        emf: bool = True,
        namespace: str = "faasguard",
        log_allowed: bool = True,
        redactor: Redactor | None = None,
    ) -> None:
        env = os.environ if environ is None else environ
        self._writer = writer or _stdout_writer
        self._clock = clock
        self._function = (
            function_name
            or (env.get("AWS_LAMBDA_FUNCTION_NAME") or env.get("K_SERVICE"))
            or env.get("WEBSITE_SITE_NAME")
        )
        self._emf = emf
        self._namespace = namespace
        self.log_allowed = log_allowed
        self._redact = redactor or _DEFAULT_REDACTOR
        self.dropped = 0
        self._emf_fragments: dict[str, str] = {}

    def _function_name(self, request: Request | None) -> str:
        name = getattr(request.context, "function_name", None) if request is not None else None
        if isinstance(name, str) and name:
            return name
        return self._function or "unknown"

    def decision(
        self,
        request: Request | None,
        outcome: Outcome,
        rule: str,
        *,
        status: int | None = None,
        check: str | None = None,
        detail: str = "",
        extra: Mapping[str, Any] | None = None,
    ) -> None:
        """Log one decision about ``request`` (``None`` for process-level events)."""
        if outcome is Outcome.ALLOW and not self.log_allowed:
            return
        now = self._clock()
        record: dict[str, Any] = {
            "timestamp": _iso(now),
            "level": "SECURITY",
            "logger": "faasguard.guard",
            "function": self._function_name(request),
            "request_id": None,
            "event_kind": None,
            "rule": rule,
            "outcome": outcome.value,
            "status": status,
            "check": check,
            "source_ip": None,
            "principal": None,
        }
        if request is not None:
            record["request_id"] = request.request_id
            record["event_kind"] = request.kind.value
            record["source_ip"] = request.source_ip
            record["principal"] = request.principal
        if detail:
            record["detail"] = self._redact.text(detail[:1024])
        if extra:
            record["extra"] = self._redact(dict(extra))
        if not self._emf:
            self._write(record, "")
            return
        metric = _METRIC_NAMES[outcome]
        record[metric] = 1
        self._write(record, self._emf_block(now, metric))

    def _emf_block(self, now: float, metric: str) -> str:
        """The ``_aws`` member, as JSON text (its constant part is encoded once)."""
        fragment = self._emf_fragments.get(metric)
        if fragment is None:
            directive = {
                "Namespace": self._namespace,
                "Dimensions": [["function"], ["function", "rule"]],
                "Metrics": [{"Name": metric, "Unit": "Count"}],
            }
            fragment = json.dumps([directive], separators=(",", ":"))
            self._emf_fragments[metric] = fragment
        return f',"_aws":{{"Timestamp":{int(now * 1000)},"CloudWatchMetrics":{fragment}}}}}'

    def _write(self, record: dict[str, Any], emf: str) -> None:
        try:
            line = _ENCODER.encode(record)
            self._writer(line[:-1] + emf if emf else line)
        except Exception:  # a log sink must never take the handler down
            self.dropped += 1
