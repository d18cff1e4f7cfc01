"""Replay protection: each nonce (message id, delivery id, signature) is accepted once.

``ReplayProtection`` records the nonce of every request in a shared store for ``ttl`` seconds and
rejects a nonce seen before with 403 ``replay.seen``; a request without a nonce is rejected with
403 ``replay.nonce_missing``. Choose ``ttl`` at least as long as the signature tolerance of the
matching integrity check, so a replay cannot outlive its nonce record.

Run it after the signature check (an unsigned request must not burn a real sender's nonce).
Store outages follow ``on_store_error``: fail-closed (default) answers 503
``replay.store_unavailable``; fail-open lets the request through and records an alert.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from typing import Any

from faasguard.guard._request import EventKind, Request
from faasguard.guard.errors import GuardConfigError, GuardViolation
from faasguard.guard.stores.base import OnStoreError, Store, StoreError, hash_id

__all__ = [
    "NonceFunc",
    "ReplayProtection",
    "default_nonce",
    "nonce_from_header",
    "nonce_from_json",
    "sns_message_id",
]

NonceFunc = Callable[[Request], str | None]


def nonce_from_header(name: str) -> NonceFunc:
    """The value of one header (e.g. ``x-github-delivery``)."""
    lowered = name.lower()

    def nonce(request: Request) -> str | None:
        return request.headers.get(lowered) or None

    return nonce


def nonce_from_json(*path: str) -> NonceFunc:
    """A string or number found at ``path`` in the JSON body (e.g. ``"id"`` for Stripe events)."""

    def nonce(request: Request) -> str | None:
        node: Any = request.json()
        for step in path:
            if not isinstance(node, dict):
                return None
            node = node.get(step)
        if isinstance(node, bool) or not isinstance(node, (str, int)):
            return None
        return str(node) or None

    return nonce


def sns_message_id(request: Request) -> str | None:
    """The SNS MessageId: from an SNS record, or from the JSON body of an SNS HTTP delivery."""
    raw = request.raw
    if request.kind is EventKind.SNS and isinstance(raw, dict) and isinstance(raw.get("Sns"), dict):
        value = raw["Sns"].get("MessageId")
        return value if isinstance(value, str) and value else None
    if request.headers.get("x-amz-sns-message-type"):
        # An HTTP delivery: the signed body holds the id (the header copy is not signed).
        body = request.json()
        value = body.get("MessageId") if isinstance(body, dict) else None
        return value if isinstance(value, str) and value else None
    return None


_SIGNATURE_HEADERS = ("x-github-delivery", "stripe-signature", "x-slack-signature", "x-nonce")


def default_nonce(request: Request) -> str | None:
    """SNS MessageId, else the first of ``x-github-delivery``, ``stripe-signature``,
    ``x-slack-signature`` (a signature over a timestamp is unique per message) and ``x-nonce``."""
    found = sns_message_id(request)
    if found:
        return found
    for name in _SIGNATURE_HEADERS:
        value = request.headers.get(name)
        if value:
            return f"{name}:{value}"
    return None


class ReplayProtection:
    """A check rejecting a nonce already seen within ``ttl`` seconds (403)."""

    def __init__(
        self,
        store: Store,
        ttl: float,
        *,
        nonce_from: NonceFunc | str = default_nonce,
        clock: Callable[[], float] = time.time,
        on_store_error: OnStoreError | str = OnStoreError.FAIL_CLOSED,
        namespace: str = "replay",
        name: str = "replay",
    ) -> None:
        if not ttl > 0 or not math.isfinite(ttl):
            raise GuardConfigError("ttl must be a positive number of seconds")
        try:
            self.on_store_error = OnStoreError(on_store_error)
        except ValueError:
            raise GuardConfigError(f"unknown on_store_error {on_store_error!r}") from None
        self._nonce = nonce_from_header(nonce_from) if isinstance(nonce_from, str) else nonce_from
        self.store = store
        self.ttl = float(ttl)
        self._clock = clock
        self._namespace = namespace
        self.name = name

    def __call__(self, request: Request) -> None:
        nonce = self._nonce(request)
        if not nonce:
            raise GuardViolation(403, "replay.nonce_missing", "no nonce in the request")
        key = f"{self._namespace}:{hash_id(nonce)}"
        try:
            fresh = self.store.add_nonce(key, self._clock(), self.ttl)
        except StoreError as exc:
            violation = GuardViolation(503, "replay.store_unavailable", str(exc), retry_after=1.0)
            if self.on_store_error is OnStoreError.FAIL_OPEN:
                request.alert(violation)
                return
            raise violation from None
        if not fresh:
            raise GuardViolation(403, "replay.seen", "nonce already used")
