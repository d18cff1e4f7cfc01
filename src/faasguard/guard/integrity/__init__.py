"""Event integrity: webhook HMAC signatures, AWS SNS signatures, replay protection.

The SNS check loads on first use (it needs ``cryptography``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from faasguard.guard.integrity.hmac_signature import (
    HmacScheme,
    HmacSignature,
    HmacStyle,
    SecretSource,
    SignatureEncoding,
)
from faasguard.guard.integrity.replay import (
    ReplayProtection,
    default_nonce,
    nonce_from_header,
    nonce_from_json,
    sns_message_id,
)

if TYPE_CHECKING:
    from faasguard.guard.integrity.sns import SnsSignature, canonical_string, is_sns_cert_url

__all__ = [
    "HmacScheme",
    "HmacSignature",
    "HmacStyle",
    "ReplayProtection",
    "SecretSource",
    "SignatureEncoding",
    "SnsSignature",
    "canonical_string",
    "default_nonce",
    "is_sns_cert_url",
    "nonce_from_header",
    "nonce_from_json",
    "sns_message_id",
]


_LAZY = frozenset({"SnsSignature", "canonical_string", "is_sns_cert_url"})


def __getattr__(name: str) -> Any:
    if name not in _LAZY:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    from faasguard.guard.integrity import sns

    return getattr(sns, name)
