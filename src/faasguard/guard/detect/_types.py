"""Result types of the injection detector: :class:`DetectionKind` and :class:`Detection`."""

from __future__ import annotations

import enum
from dataclasses import dataclass

__all__ = ["FRAGMENT_MAX", "MAX_SCAN", "Detection", "DetectionKind", "Hit"]

#: At most this many characters of one string are scanned (the rest is ignored, and the caller is
#: expected to bound payload size first: see ``faasguard.guard.limits``). Every scanner is linear
#: in its input, so this also bounds the time one string can cost.
MAX_SCAN = 65_536

#: A :attr:`Detection.fragment` is cut to this many characters.
FRAGMENT_MAX = 80


class DetectionKind(str, enum.Enum):
    """The closed set of attack families the detector knows."""

    SQLI = "sqli"
    XSS = "xss"
    CMDI = "cmdi"
    PATH_TRAVERSAL = "path-traversal"
    SSRF = "ssrf"
    NOSQL = "nosql"
    TEMPLATE = "template"
    LOG4SHELL = "log4shell"

    def __str__(self) -> str:
        return self.value


@dataclass(frozen=True, slots=True)
class Detection:
    """One attack found in one string.

    ``rule`` is a short stable id of what matched (``"sqli.union"``, ``"xss.event-handler"``);
    ``fragment`` is the matched part of the decoded text, cut to :data:`FRAGMENT_MAX` characters.
    It may contain attacker input: log it through the guard's redacting logger, never echo it.
    """

    kind: DetectionKind
    rule: str
    fragment: str


@dataclass(frozen=True, slots=True)
class Hit:
    """What one scanner reports: the rule and the span of the decoded text that matched."""

    rule: str
    start: int
    end: int
