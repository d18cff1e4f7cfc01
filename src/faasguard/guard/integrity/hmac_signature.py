"""Webhook HMAC signatures: GitHub, Stripe and Slack styles, or a scheme of your own.

``HmacSignature`` is a check that recomputes the HMAC of the raw body (and timestamp, where the
style signs one) with every accepted secret and compares it in constant time with every signature
the request carries. Timestamps older or newer than ``tolerance`` seconds are refused. All failures
answer 401: ``hmac.missing``, ``hmac.malformed``, ``hmac.mismatch``, ``hmac.timestamp``.

The secret may be a string, bytes, a list of them (rotation: old and new both accepted) or a
callable returning any of these (read on every call, so cache it on your side).
"""

from __future__ import annotations

import base64
import binascii
import enum
import hashlib
import hmac
import math
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from faasguard.guard._request import Request
from faasguard.guard.errors import GuardConfigError, GuardViolation

__all__ = ["HmacScheme", "HmacSignature", "HmacStyle", "SecretSource", "SignatureEncoding"]

_SecretValue = str | bytes | Sequence[str | bytes]
SecretSource = _SecretValue | Callable[[], _SecretValue]


class HmacStyle(str, enum.Enum):
    """Built-in signature formats."""

    GITHUB = "github"  # X-Hub-Signature-256: sha256=<hex> over the body
    STRIPE = "stripe"  # Stripe-Signature: t=<ts>,v1=<hex>[,v1=...] over "<ts>.<body>"
    SLACK = "slack"  # X-Slack-Signature: v0=<hex> over "v0:<ts>:<body>", ts in its own header


class SignatureEncoding(str, enum.Enum):
    """How the signature is written in its header."""

    HEX = "hex"
    BASE64 = "base64"


@dataclass(frozen=True, slots=True)
class HmacScheme:
    """A custom format: ``header`` holds ``prefix`` + the encoded MAC of ``message``.

    ``message`` is a template over ``{body}`` (the raw body bytes) and ``{timestamp}`` (the value
    of ``timestamp_header``, required when the template names it).
    """

    header: str
    prefix: str = ""
    digest: str = "sha256"
    encoding: SignatureEncoding = SignatureEncoding.HEX
    timestamp_header: str | None = None
    message: str = "{body}"


@dataclass(frozen=True, slots=True)
class _Signed:
    message: bytes
    signatures: tuple[bytes, ...]
    timestamp: int | None


def _fail(rule: str, detail: str) -> GuardViolation:
    return GuardViolation(401, f"hmac.{rule}", detail)


def _decode(value: str, encoding: SignatureEncoding) -> bytes:
    try:
        if encoding is SignatureEncoding.HEX:
            return bytes.fromhex(value)
        return base64.b64decode(value, validate=True)
    except (ValueError, binascii.Error):
        raise _fail("malformed", "signature is not valid " + encoding.value) from None


def _timestamp(value: str | None) -> int:
    if value is None:
        raise _fail("missing", "no timestamp")
    if not value.isdigit() or len(value) > 12:
        raise _fail("malformed", "timestamp is not an integer")
    return int(value)


def _header(request: Request, name: str) -> str:
    value = request.headers.get(name.lower())
    if not value:
        raise _fail("missing", f"no {name.lower()} header")
    return value


def _github(request: Request) -> _Signed:
    value = _header(request, "x-hub-signature-256")
    if not value.startswith("sha256="):
        raise _fail("malformed", "expected sha256=<hex>")
    sig = _decode(value[len("sha256=") :], SignatureEncoding.HEX)
    return _Signed(request.body or b"", (sig,), None)


def _stripe(request: Request) -> _Signed:
    value = _header(request, "stripe-signature")
    stamp: str | None = None
    sigs: list[bytes] = []
    for part in value.split(","):
        name, sep, item = part.strip().partition("=")
        if not sep:
            continue
        if name == "t":
            stamp = item
        elif name == "v1":
            sigs.append(_decode(item, SignatureEncoding.HEX))
    if not sigs:
        raise _fail("missing", "no v1 signature")
    ts = _timestamp(stamp)
    return _Signed(f"{ts}.".encode() + (request.body or b""), tuple(sigs), ts)


def _slack(request: Request) -> _Signed:
    value = _header(request, "x-slack-signature")
    if not value.startswith("v0="):
        raise _fail("malformed", "expected v0=<hex>")
    sig = _decode(value[3:], SignatureEncoding.HEX)
    ts = _timestamp(request.headers.get("x-slack-request-timestamp"))
    return _Signed(f"v0:{ts}:".encode() + (request.body or b""), (sig,), ts)


def _custom(scheme: HmacScheme, request: Request) -> _Signed:
    value = _header(request, scheme.header)
    if not value.startswith(scheme.prefix):
        raise _fail("malformed", f"expected {scheme.prefix}<mac>")
    sig = _decode(value[len(scheme.prefix) :], scheme.encoding)
    ts: int | None = None
    stamp = ""
    if scheme.timestamp_header is not None:
        ts = _timestamp(request.headers.get(scheme.timestamp_header.lower()))
        stamp = str(ts)
    parts = [p.replace("{timestamp}", stamp).encode() for p in scheme.message.split("{body}")]
    message = (request.body or b"").join(parts)
    return _Signed(message, (sig,), ts)


_STYLES: dict[HmacStyle, Callable[[Request], _Signed]] = {
    HmacStyle.GITHUB: _github,
    HmacStyle.STRIPE: _stripe,
    HmacStyle.SLACK: _slack,
}


def _secrets(source: SecretSource) -> list[bytes]:
    value = source() if callable(source) else source
    items: Sequence[str | bytes] = [value] if isinstance(value, (str, bytes)) else value
    return [s.encode() if isinstance(s, str) else bytes(s) for s in items if s]


class HmacSignature:
    """A check verifying a webhook's HMAC signature (401 on any failure)."""

    def __init__(
        self,
        secret: SecretSource,
        *,
        style: HmacStyle | str | HmacScheme = HmacStyle.GITHUB,
        tolerance: float | None = 300,
        clock: Callable[[], float] = time.time,
        name: str = "hmac",
    ) -> None:
        if not callable(secret) and not _secrets(secret):
            raise GuardConfigError("HmacSignature needs at least one non-empty secret")
        if isinstance(style, HmacScheme):
            try:
                hashlib.new(style.digest)
            except ValueError:
                raise GuardConfigError(f"unknown digest {style.digest!r}") from None
            scheme = style
            self._parse: Callable[[Request], _Signed] = lambda request: _custom(scheme, request)
            self._digest = style.digest
        else:
            try:
                self._parse = _STYLES[HmacStyle(style)]
            except ValueError:
                raise GuardConfigError(f"unknown HMAC style {style!r}") from None
            self._digest = "sha256"
        if tolerance is not None and not (tolerance >= 0 and math.isfinite(tolerance)):
            raise GuardConfigError("tolerance must be a non-negative number of seconds or None")
        self._secret = secret
        self._tolerance = tolerance
        self._clock = clock
        self.name = name

    def __call__(self, request: Request) -> None:
        signed = self._parse(request)
        secrets = _secrets(self._secret)
        if not secrets:
            raise _fail("mismatch", "no secret configured")
        matched = False
        for key in secrets:
            expected = hmac.new(key, signed.message, self._digest).digest()
            for candidate in signed.signatures:
                # No early exit: every pair is compared, each in constant time.
                matched |= hmac.compare_digest(expected, candidate)
        if not matched:
            raise _fail("mismatch", "signature does not match")
        if signed.timestamp is not None and self._tolerance is not None:
            skew = abs(self._clock() - signed.timestamp)
            if skew > self._tolerance:
                raise _fail("timestamp", f"timestamp {skew:.0f}s away from now")
