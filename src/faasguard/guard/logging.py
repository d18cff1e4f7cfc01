"""Security events: one JSON line per block or alert, redacted, with CloudWatch EMF metrics.

Every line carries the timestamp, request id, rule, outcome (``allow``, ``block``, ``alert``), the
caller (IP and principal) and the function name. Values are redacted by field name (password,
secret, token, authorization, cookie, api key, ...) and by pattern (Luhn-valid card numbers, JWTs,
AWS access keys, bearer and basic credentials, ``password=...`` pairs, private key blocks) before
anything is written. With ``emf=True`` the same line is a CloudWatch Embedded Metric Format record
counting decisions by outcome and by rule.

Allowed requests are counted, not logged one by one (:class:`AllowLog`): by default the count is
written as one line (an EMF ``Allowed`` counter) at most every ``flush_seconds``, so a request in
which nothing happened costs a counter increment, not a JSON line.
"""

from __future__ import annotations

import _thread
import enum
import json
import os
import sys
import time
from collections.abc import Callable, Mapping
from typing import Any

from faasguard.guard._request import Request
from faasguard.guard.errors import GuardConfigError
from faasguard.guard.redaction import DEFAULT_REDACTOR, DEFAULT_SENSITIVE_NAMES, Redactor, redact

__all__ = [
    "DEFAULT_SENSITIVE_NAMES",
    "AllowLog",
    "Outcome",
    "Redactor",
    "SecurityLogger",
    "redact",
]


class Outcome(enum.Enum):
    """What the guard decided."""

    ALLOW = "allow"
    BLOCK = "block"
    ALERT = "alert"


class AllowLog(enum.Enum):
    """How a :class:`SecurityLogger` records allowed requests (blocks and alerts: always a line)."""

    COUNT = "count"  # counted; one line per function and rule every flush_seconds (default)
    EACH = "each"  # one full line per allowed request (request id, caller, ...)
    OFF = "off"  # not at all


def _allow_mode(value: AllowLog | bool) -> AllowLog:
    if isinstance(value, bool):  # the older on/off switch: on was a line per allowed request
        return AllowLog.EACH if value else AllowLog.OFF
    if not isinstance(value, AllowLog):
        raise GuardConfigError(f"log_allowed must be an AllowLog, not {value!r}")
    return value


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
    """Writes one JSON line per block or alert through ``writer`` (default: stdout).

    ``environ`` is read once, for the function name (``AWS_LAMBDA_FUNCTION_NAME``, then
    ``K_SERVICE`` / ``WEBSITE_SITE_NAME``) when the Lambda context does not give one.
    A failing writer never breaks the handler: the line is dropped and counted in ``dropped``.

    Allowed requests follow ``log_allowed``, an :class:`AllowLog` (``True`` means ``EACH``,
    ``False`` means ``OFF``). With ``COUNT``, the default, they are counted by function and rule;
    the first decision at least ``flush_seconds`` after counting began, or :meth:`flush`, writes
    one line per function and rule with outcome ``allow``, the ``count`` and the window start
    (``since``), and with ``emf=True`` an EMF ``Allowed`` metric of that count. Counts not yet
    written when the process is stopped are lost; call :meth:`flush` where that matters.
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
        log_allowed: AllowLog | bool = AllowLog.COUNT,
        flush_seconds: float = 60.0,
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
        self._allow_mode = _allow_mode(log_allowed)
        if flush_seconds < 0:
            raise GuardConfigError("flush_seconds must be at least 0")
        self._flush_seconds = flush_seconds
        self._redact = redactor or DEFAULT_REDACTOR
        self.dropped = 0
        self._emf_fragments: dict[str, str] = {}
        self._lock = _thread.allocate_lock()
        self._allowed: dict[tuple[str, str], int] = {}
        self._since = 0.0

    @property
    def log_allowed(self) -> AllowLog:
        """How allowed requests are recorded; settable (``True``/``False`` as in ``__init__``)."""
        return self._allow_mode

    @log_allowed.setter
    def log_allowed(self, value: AllowLog | bool) -> None:
        self._allow_mode = _allow_mode(value)

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
        if outcome is Outcome.ALLOW and self._allow_mode is not AllowLog.EACH:
            if self._allow_mode is AllowLog.COUNT:
                self._count(self._function_name(request), rule)
            return
        now = self._clock()
        record = self._record(now, self._function_name(request), outcome, rule, status, check)
        if request is not None:
            record["request_id"] = request.request_id
            record["event_kind"] = request.kind.value
            record["source_ip"] = request.source_ip
            record["principal"] = request.principal
        if detail:
            record["detail"] = self._redact.text(detail[:1024])
        if extra:
            record["extra"] = self._redact(dict(extra))
        self._emit(record, now, outcome, 1)
        if self._allowed and now - self._since >= self._flush_seconds:
            self.flush()

    def flush(self) -> int:
        """Write the allow counts gathered so far; returns how many allowed requests they hold."""
        with self._lock:
            pending, self._allowed = self._allowed, {}
            since = self._since
        if not pending:
            return 0
        now = self._clock()
        for (function, rule), count in pending.items():
            record = self._record(now, function, Outcome.ALLOW, rule, None, None)
            record["count"] = count
            record["since"] = _iso(since)
            self._emit(record, now, Outcome.ALLOW, count)
        return sum(pending.values())

    @property
    def pending_allowed(self) -> int:
        """Allowed requests counted and not yet written."""
        return sum(self._allowed.values())

    def _count(self, function: str, rule: str) -> None:
        now = self._clock()
        key = (function, rule)
        with self._lock:
            allowed = self._allowed
            if not allowed:
                self._since = now
            allowed[key] = allowed.get(key, 0) + 1
        if now - self._since >= self._flush_seconds:
            self.flush()

    @staticmethod
    def _record(
        now: float,
        function: str,
        outcome: Outcome,
        rule: str,
        status: int | None,
        check: str | None,
    ) -> dict[str, Any]:
        return {
            "timestamp": _iso(now),
            "level": "SECURITY",
            "logger": "faasguard.guard",
            "function": function,
            "request_id": None,
            "event_kind": None,
            "rule": rule,
            "outcome": outcome.value,
            "status": status,
            "check": check,
            "source_ip": None,
            "principal": None,
        }

    def _emit(self, record: dict[str, Any], now: float, outcome: Outcome, value: int) -> None:
        if not self._emf:
            self._write(record, "")
            return
        metric = _METRIC_NAMES[outcome]
        record[metric] = value
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
