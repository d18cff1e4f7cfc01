"""AWS SNS message signatures (SignatureVersion 1: SHA1withRSA, 2: SHA256withRSA).

``SnsSignature`` is a check for SNS records delivered to Lambda and for SNS HTTP(S) deliveries
(the JSON body). It rebuilds the canonical string of a Notification, SubscriptionConfirmation or
UnsubscribeConfirmation, checks that the signing certificate URL is HTTPS on an SNS host
(``sns.<region>.amazonaws.com`` or ``.com.cn``), fetches the certificate through the fetcher
passed in (cached by URL), checks its validity dates and verifies the RSA signature.

Anyone can sign messages with their own SNS topic, so pass ``topic_arns`` to accept only yours.
Failures: 400 ``sns.malformed``; 401 ``sns.cert_url``, ``sns.certificate``, ``sns.signature``,
``sns.expired``; 403 ``sns.topic``. Needs ``cryptography`` (the ``sns`` extra).
"""

from __future__ import annotations

import base64
import binascii
import re
import threading
import time
from collections.abc import Callable, Collection
from datetime import datetime, timezone
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from faasguard.guard._request import EventKind, Request
from faasguard.guard.errors import GuardConfigError, GuardViolation

if TYPE_CHECKING:
    from faasguard.guard.auth.fetch import Fetcher

__all__ = ["SnsSignature", "canonical_string", "is_sns_cert_url"]

_HOST = re.compile(r"sns\.[a-z0-9-]+\.amazonaws\.com(\.cn)?")
_NOTIFICATION_FIELDS = ("Message", "MessageId", "Subject", "Timestamp", "TopicArn", "Type")
_CONFIRMATION_FIELDS = (
    "Message",
    "MessageId",
    "SubscribeURL",
    "Timestamp",
    "Token",
    "TopicArn",
    "Type",
)
_FIELDS = {
    "Notification": _NOTIFICATION_FIELDS,
    "SubscriptionConfirmation": _CONFIRMATION_FIELDS,
    "UnsubscribeConfirmation": _CONFIRMATION_FIELDS,
}


def _fail(status: int, rule: str, detail: str) -> GuardViolation:
    return GuardViolation(status, f"sns.{rule}", detail)


def is_sns_cert_url(url: str) -> bool:
    """True for ``https://sns.<region>.amazonaws.com[.cn]/<name>.pem`` and nothing looser."""
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        return False
    return (
        parts.scheme == "https"
        and parts.username is None
        and parts.password is None
        and port is None
        and parts.hostname is not None
        and _HOST.fullmatch(parts.netloc) is not None
        and parts.path.endswith(".pem")
        and not parts.query
        and not parts.fragment
    )


def canonical_string(message: dict[str, Any]) -> bytes:
    """The string SNS signs: ``Name\\nvalue\\n`` for each signed field present, in order."""
    fields = _FIELDS.get(message.get("Type", ""))
    if fields is None:
        raise _fail(400, "malformed", "unknown message Type")
    out: list[str] = []
    for name in fields:
        value = message.get(name)
        if value is None and name == "Subject":
            continue
        if not isinstance(value, str):
            raise _fail(400, "malformed", f"field {name} missing or not a string")
        out.append(f"{name}\n{value}\n")
    return "".join(out).encode("utf-8")


def _message(request: Request) -> dict[str, Any]:
    raw = request.raw
    if request.kind is EventKind.SNS and isinstance(raw, dict) and isinstance(raw.get("Sns"), dict):
        message = dict(raw["Sns"])
    else:
        body = request.json()
        if not isinstance(body, dict):
            raise _fail(400, "malformed", "body is not an SNS message")
        message = dict(body)
    # Lambda records spell these ...Url, HTTP deliveries ...URL.
    for spelling in ("SigningCertUrl", "SubscribeUrl", "UnsubscribeUrl"):
        if spelling in message:
            message.setdefault(spelling[: -len("Url")] + "URL", message[spelling])
    return message


def _parse_time(value: object) -> float:
    if not isinstance(value, str):
        raise _fail(400, "malformed", "Timestamp is not a string")
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00")).timestamp()
    except ValueError:
        raise _fail(400, "malformed", "Timestamp is not ISO 8601") from None


class SnsSignature:
    """A check verifying the signature of an SNS message."""

    def __init__(
        self,
        *,
        topic_arns: Collection[str] | None = None,
        fetcher: Fetcher | None = None,
        clock: Callable[[], float] = time.time,
        max_age: float | None = None,
        cache_size: int = 16,
        name: str = "sns",
    ) -> None:
        try:
            from cryptography import x509  # noqa: F401 - fail at cold start when missing
        except ImportError:
            raise GuardConfigError("SnsSignature needs the 'cryptography' package") from None
        if isinstance(topic_arns, str):
            raise GuardConfigError("topic_arns must be a collection of ARNs, not one string")
        self._topics = frozenset(topic_arns) if topic_arns is not None else None
        if fetcher is None:
            from faasguard.guard.auth.fetch import https_fetcher

            fetcher = https_fetcher()
        self._fetch = fetcher
        self._clock = clock
        self._max_age = max_age
        self._cache: dict[str, Any] = {}
        self._cache_size = cache_size
        self._lock = threading.Lock()
        self.name = name

    def __call__(self, request: Request) -> None:
        message = _message(request)
        if self._topics is not None and message.get("TopicArn") not in self._topics:
            raise _fail(403, "topic", "topic not allowed")
        data = canonical_string(message)
        version = message.get("SignatureVersion")
        if version not in ("1", "2"):
            raise _fail(401, "signature", "unsupported SignatureVersion")
        url = message.get("SigningCertURL")
        if not isinstance(url, str) or not is_sns_cert_url(url):
            raise _fail(401, "cert_url", "signing certificate URL is not an SNS URL")
        try:
            signature = base64.b64decode(str(message.get("Signature", "")), validate=True)
        except (ValueError, binascii.Error):
            raise _fail(401, "signature", "signature is not base64") from None
        self._verify(self._certificate(url), signature, data, version)
        if self._max_age is not None:
            age = self._clock() - _parse_time(message.get("Timestamp"))
            if age > self._max_age:
                raise _fail(401, "expired", f"message is {age:.0f}s old")

    def _certificate(self, url: str) -> Any:
        with self._lock:
            cert = self._cache.get(url)
        if cert is None:
            from cryptography import x509

            try:
                cert = x509.load_pem_x509_certificate(self._fetch(url))
            except Exception as exc:  # any transport or parse error: refuse
                detail = f"cannot load certificate: {type(exc).__name__}"
                raise _fail(401, "certificate", detail) from None
            with self._lock:
                if len(self._cache) >= self._cache_size:
                    self._cache.pop(next(iter(self._cache)))
                self._cache[url] = cert
        now = datetime.fromtimestamp(self._clock(), tz=timezone.utc)
        if not cert.not_valid_before_utc <= now <= cert.not_valid_after_utc:
            raise _fail(401, "certificate", "certificate outside its validity period")
        return cert

    def _verify(self, cert: Any, signature: bytes, data: bytes, version: str) -> None:
        from cryptography.exceptions import InvalidSignature
        from cryptography.hazmat.primitives import hashes
        from cryptography.hazmat.primitives.asymmetric import padding, rsa

        key = cert.public_key()
        if not isinstance(key, rsa.RSAPublicKey):
            raise _fail(401, "certificate", "certificate key is not RSA")
        algorithm = hashes.SHA1() if version == "1" else hashes.SHA256()  # noqa: S303 - SNS v1
        try:
            key.verify(signature, data, padding.PKCS1v15(), algorithm)
        except InvalidSignature:
            raise _fail(401, "signature", "signature does not verify") from None
