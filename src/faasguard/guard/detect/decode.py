"""Decoding before matching: the text an application may end up seeing, from the text sent.

:func:`canonical` undoes, in a bounded loop, the encodings attackers use to slip past naive
matching: percent-encoding (also double-encoded, IIS ``%uXXXX``, and overlong UTF-8 of every
length: ``%c0%ae``, ``%e0%80%ae``, ``%f0%80%80%ae``, and the lenient ``%c0%2e`` some decoders
accept), HTML character references, NUL bytes, Unicode compatibility forms (NFKC turns fullwidth
``\uff1cscript\uff1e`` into ``<script>``) and the slash look-alikes that "best fit" code-page
conversion turns into ``/`` and ``\\`` (division slash, set minus, fraction slash).
:func:`from_base64` decodes a value the caller declared as base64. Every step is linear in the
input, and the input is capped at :data:`~faasguard.guard.detect._types.MAX_SCAN` characters.
A string with no ``%``, ``&``, NUL or non-ASCII character is returned as it is, without work.
"""

from __future__ import annotations

import base64 as _b64
import binascii
import html
import re
import unicodedata
from urllib.parse import unquote

from faasguard.guard.detect._types import MAX_SCAN

__all__ = ["MAX_ROUNDS", "canonical", "from_base64", "percent_decode"]

#: How many times percent-decoding and entity-decoding are repeated at most (``%25252e`` needs 3).
MAX_ROUNDS = 4

_PCT_UNICODE = re.compile(r"%u([0-9a-fA-F]{4})")
# Overlong two-byte UTF-8 for an ASCII character: %c0%ae is '.', %c0%af is '/', %c1%9c is '\'.
# Lenient decoders also take an ASCII second byte as itself: %c0%2e is '.', %c0%5c is '\'.
_PCT_OVERLONG = re.compile(r"%[cC]([01])%([0-9a-bA-B][0-9a-fA-F])")
# Longer overlong forms: a lead byte with no payload bits (e0, f0, f8, fc), then continuation
# bytes that only spell an ASCII character: %e0%80%ae, %f0%80%80%af, %fc%80%80%80%80%ae.
_PCT_OVERLONG_LONG = re.compile(
    r"%(?:[eE]0|[fF]0%80|[fF]8%80%80|[fF][cC]%80%80%80)%8([01])%([89abAB][0-9a-fA-F])"
)
# Look-alikes of the path separators that "best fit" conversion (Windows, Java) maps to ASCII.
_SLASHES = str.maketrans(
    {"\u2215": "/", "\u2044": "/", "\u29f8": "/", "\u2216": "\\", "\u29f9": "\\"}
)
_PCT_ANY = re.compile(r"%[0-9a-fA-F]{2}|%u[0-9a-fA-F]{4}")
_ENTITY = re.compile(r"&(?:#|[A-Za-z]{2,12};)")
_B64_CHARS = re.compile(r"[A-Za-z0-9+/=_\-\s]+")


def _overlong(match: re.Match[str]) -> str:
    second = int(match.group(2), 16)
    if second < 0x80:
        return chr(second)
    return chr((int(match.group(1), 16) << 6) | (second & 0x3F))


def percent_decode(text: str) -> str:
    """One round of percent-decoding (UTF-8, with ``%uXXXX`` and overlong forms); '+' is kept."""
    if "%" not in text or _PCT_ANY.search(text) is None:
        return text
    text = _PCT_UNICODE.sub(lambda m: chr(int(m.group(1), 16)), text)
    if "%8" in text:
        text = _PCT_OVERLONG_LONG.sub(_overlong, text)
    text = _PCT_OVERLONG.sub(_overlong, text)
    return unquote(text, errors="replace")


def _one_round(text: str) -> str:
    if "%" in text:
        text = percent_decode(text)
    if "&" in text and _ENTITY.search(text) is not None:
        text = html.unescape(text)
    if not text.isascii():
        text = unicodedata.normalize("NFKC", text).translate(_SLASHES)
    if "\x00" in text:
        text = text.replace("\x00", "")
    return text


def canonical(text: str) -> str:
    """The decoded form of ``text`` that every scanner sees (at most :data:`MAX_SCAN` chars)."""
    if len(text) > MAX_SCAN:
        text = text[:MAX_SCAN]
    if text.isascii() and "%" not in text and "&" not in text and "\x00" not in text:
        return text
    for _ in range(MAX_ROUNDS):
        decoded = _one_round(text)
        if decoded == text:
            break
        text = decoded[:MAX_SCAN]
    return text


def from_base64(text: str) -> str | None:
    """``text`` decoded as (standard or URL-safe) base64 and then UTF-8, or None if it is not."""
    stripped = text.strip()
    if not stripped or _B64_CHARS.fullmatch(stripped) is None:
        return None
    compact = "".join(stripped.split())
    compact += "=" * (-len(compact) % 4)
    try:
        if "-" in compact or "_" in compact:
            raw = _b64.urlsafe_b64decode(compact)
        else:
            raw = _b64.b64decode(compact, validate=True)
        return raw.decode("utf-8")
    except (binascii.Error, ValueError):
        return None
