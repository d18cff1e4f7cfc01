"""Injection detection for the runtime guard.

    from faasguard.guard.detect import detect, InjectionCheck

    detect("1' or '1'='1")   # [Detection(kind=DetectionKind.SQLI, rule='sqli.boolean', ...)]

    @guard(InjectionCheck(("body", "query"), modes={"ssrf": "alert"}))
    def handler(event, context): ...

:func:`detect` decodes one string (percent-encoding, overlong UTF-8, HTML entities, NUL bytes,
NFKC, look-alike slashes; base64 when declared) and looks for SQL injection, XSS, command
injection, path traversal, SSRF targets, NoSQL operators, template injection and Log4Shell
lookups, with linear-time scanners written for faasguard (a SQL tokenizer, an HTML tag scanner,
flat regular expressions), on at most the first 64 KiB of the string; a string that is a JSON
document is scanned value by value. Cheap gates skip every scanner a string cannot match, so a
plain value (an id, an ARN, a date) costs about a microsecond. :class:`InjectionCheck` runs it
over the strings of a request.
"""

from __future__ import annotations

from faasguard.guard.detect._types import FRAGMENT_MAX, MAX_SCAN, Detection, DetectionKind
from faasguard.guard.detect.check import DEFAULT_HEADERS, InjectionCheck, Part
from faasguard.guard.detect.engine import ALL_KINDS, detect

__all__ = [
    "ALL_KINDS",
    "DEFAULT_HEADERS",
    "FRAGMENT_MAX",
    "MAX_SCAN",
    "Detection",
    "DetectionKind",
    "InjectionCheck",
    "Part",
    "detect",
]
