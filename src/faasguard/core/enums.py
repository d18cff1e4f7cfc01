"""Closed sets used across the scanner. Adding a member must be handled everywhere it is matched."""

from __future__ import annotations

from enum import Enum


class Severity(str, Enum):
    CRITICAL = "critical"
    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"
    INFO = "info"

    @property
    def rank(self) -> int:
        return _SEVERITY_RANK[self]

    def raised(self, steps: int = 1) -> Severity:
        """This severity moved `steps` towards critical (negative: towards info), clamped."""
        order = list(Severity)
        index = min(max(order.index(self) - steps, 0), len(order) - 1)
        return order[index]


_SEVERITY_RANK = {
    Severity.CRITICAL: 4,
    Severity.HIGH: 3,
    Severity.MEDIUM: 2,
    Severity.LOW: 1,
    Severity.INFO: 0,
}


class Confidence(str, Enum):
    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"


class Category(str, Enum):
    """The closed set of finding categories (DESIGN.md)."""

    INJECTION_SQL = "injection-sql"
    INJECTION_NOSQL = "injection-nosql"
    INJECTION_COMMAND = "injection-command"
    INJECTION_CODE = "injection-code"
    INJECTION_TEMPLATE = "injection-template"
    DESERIALIZATION = "deserialization"
    PATH_TRAVERSAL = "path-traversal"
    SSRF = "ssrf"
    XXE = "xxe"
    REDOS = "redos"
    MISSING_AUTH = "missing-auth"
    BROKEN_ACCESS_CONTROL = "broken-access-control"
    OVER_PRIVILEGED_IAM = "over-privileged-iam"
    PRIVESC_PATH = "privesc-path"
    PUBLIC_RESOURCE_POLICY = "public-resource-policy"
    HARDCODED_SECRET = "hardcoded-secret"
    SECRET_IN_ENV_PLAINTEXT = "secret-in-env-plaintext"
    MISSING_ENCRYPTION = "missing-encryption"
    INSECURE_TRANSPORT = "insecure-transport"
    MISSING_LOGGING = "missing-logging"
    MISSING_DOS_LIMITS = "missing-dos-limits"
    VULNERABLE_DEPENDENCY = "vulnerable-dependency"
    SENSITIVE_DATA_EXPOSURE = "sensitive-data-exposure"
    UNHANDLED_EXCEPTION = "unhandled-exception"
    MISCONFIGURATION = "misconfiguration"
    SCAN_ERROR = "scan-error"
