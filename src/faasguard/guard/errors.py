"""Exceptions shared by every guard check.

A check rejects an event by raising :class:`GuardViolation`; the decorator turns it into an HTTP
answer (or a batch item failure) and a security log line. The ``detail`` is for the log only and is
never sent to the caller.
"""

from __future__ import annotations

__all__ = ["GuardConfigError", "GuardRejected", "GuardViolation"]

_ALLOWED_STATUSES = frozenset({400, 401, 403, 404, 405, 413, 415, 429, 503})


class GuardViolation(Exception):
    """A check rejected the event.

    status: HTTP status to answer (400/401/403/413/429, also 415 and 503 where apt).
    rule: short stable id such as ``"jwt.expired"``, ``"ratelimit.exceeded"``, ``"detect.sqli"``.
    detail: internal reason for the security log only, never sent to the caller.
    retry_after: seconds the caller should wait (sent as ``Retry-After`` on 429/503).
    """

    def __init__(
        self,
        status: int,
        rule: str,
        detail: str = "",
        *,
        retry_after: float | None = None,
    ) -> None:
        if status not in _ALLOWED_STATUSES:
            # A check asking for 5xx/2xx is a bug; answer a safe 403 rather than leak or allow.
            status = 403
        super().__init__(rule)
        self.status = status
        self.rule = rule
        self.detail = detail
        self.retry_after = retry_after

    def __repr__(self) -> str:
        return f"GuardViolation(status={self.status}, rule={self.rule!r})"


class GuardConfigError(Exception):
    """Misconfiguration found at decoration (cold start) time."""


class GuardRejected(Exception):
    """Raised by the decorator for a rejected event that has no HTTP or batch answer.

    Its message is generic on purpose: for a direct invocation it is what the caller sees.
    The rule and detail are in the security log.
    """

    def __init__(self, status: int = 403) -> None:
        super().__init__("event rejected")
        self.status = status
