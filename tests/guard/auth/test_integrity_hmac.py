"""HmacSignature: GitHub, Stripe, Slack and custom schemes; rotation; tolerance; config."""

from __future__ import annotations

import base64
import hashlib
import hmac
from typing import Any

import pytest

from faasguard.guard import EventKind, GuardConfigError, GuardViolation, Request
from faasguard.guard.integrity import HmacScheme, HmacSignature
from faasguard.guard.integrity.hmac_signature import SignatureEncoding

NOW = 1_700_000_000
SECRET = "whsec_test_secret"
BODY = b'{"action":"opened","n":1}'


def mac(secret: str, message: bytes, digest: str = "sha256") -> str:
    return hmac.new(secret.encode(), message, digest).hexdigest()


def req(headers: dict[str, str], body: bytes | None = BODY) -> Request:
    return Request(kind=EventKind.API_GATEWAY_HTTP, raw={}, headers=headers, body=body)


def rule_of(check: HmacSignature, request: Request) -> str:
    with pytest.raises(GuardViolation) as info:
        check(request)
    assert info.value.status == 401
    return info.value.rule


def clock() -> float:
    return float(NOW)


def test_github() -> None:
    check = HmacSignature(SECRET, style="github")
    check(req({"x-hub-signature-256": "sha256=" + mac(SECRET, BODY)}))
    assert (
        rule_of(check, req({"x-hub-signature-256": "sha256=" + mac("x", BODY)})) == "hmac.mismatch"
    )
    tampered = req({"x-hub-signature-256": "sha256=" + mac(SECRET, BODY)}, body=BODY + b" ")
    assert rule_of(check, tampered) == "hmac.mismatch"
    assert rule_of(check, req({})) == "hmac.missing"
    assert rule_of(check, req({"x-hub-signature-256": "sha1=abc"})) == "hmac.malformed"
    assert rule_of(check, req({"x-hub-signature-256": "sha256=zz"})) == "hmac.malformed"


def test_github_empty_body() -> None:
    check = HmacSignature(SECRET)
    check(req({"x-hub-signature-256": "sha256=" + mac(SECRET, b"")}, body=None))


def stripe_header(ts: int, *sigs: str) -> dict[str, str]:
    return {"stripe-signature": ",".join([f"t={ts}", *(f"v1={s}" for s in sigs), "v0=ignored"])}


def test_stripe_multiple_v1_and_tolerance() -> None:
    check = HmacSignature(SECRET, style="stripe", tolerance=300, clock=clock)
    good = mac(SECRET, f"{NOW}.".encode() + BODY)
    check(req(stripe_header(NOW, mac("old", BODY), good)))
    old_ts = NOW - 301
    stale = mac(SECRET, f"{old_ts}.".encode() + BODY)
    assert rule_of(check, req(stripe_header(old_ts, stale))) == "hmac.timestamp"
    future_ts = NOW + 301
    future = mac(SECRET, f"{future_ts}.".encode() + BODY)
    assert rule_of(check, req(stripe_header(future_ts, future))) == "hmac.timestamp"
    # The timestamp is signed: moving it breaks the signature.
    assert rule_of(check, req(stripe_header(NOW + 1, good))) == "hmac.mismatch"
    assert rule_of(check, req({"stripe-signature": f"v1={good}"})) == "hmac.missing"
    assert rule_of(check, req({"stripe-signature": f"t=abc,v1={good}"})) == "hmac.malformed"
    assert rule_of(check, req({"stripe-signature": f"t={NOW}"})) == "hmac.missing"


def test_slack() -> None:
    check = HmacSignature(SECRET, style="slack", clock=clock)
    sig = "v0=" + mac(SECRET, f"v0:{NOW}:".encode() + BODY)
    check(req({"x-slack-signature": sig, "x-slack-request-timestamp": str(NOW)}))
    assert rule_of(check, req({"x-slack-signature": sig})) == "hmac.missing"
    late = {"x-slack-signature": sig, "x-slack-request-timestamp": str(NOW - 3600)}
    assert rule_of(check, req(late)) == "hmac.mismatch"
    old_sig = "v0=" + mac(SECRET, f"v0:{NOW - 3600}:".encode() + BODY)
    replayed = {"x-slack-signature": old_sig, "x-slack-request-timestamp": str(NOW - 3600)}
    assert rule_of(check, req(replayed)) == "hmac.timestamp"


def test_rotation_with_several_secrets_and_a_callable() -> None:
    current = ["new-secret"]
    check = HmacSignature(lambda: [current[0], "old-secret"])
    check(req({"x-hub-signature-256": "sha256=" + mac("old-secret", BODY)}))
    current[0] = "newest"
    check(req({"x-hub-signature-256": "sha256=" + mac("newest", BODY)}))
    stale = req({"x-hub-signature-256": "sha256=" + mac("new-secret", BODY)})
    assert rule_of(check, stale) == "hmac.mismatch"


def test_callable_returning_nothing_fails_closed() -> None:
    check = HmacSignature(list)
    assert (
        rule_of(check, req({"x-hub-signature-256": "sha256=" + mac("", BODY)})) == "hmac.mismatch"
    )


def test_every_secret_and_signature_pair_is_compared(monkeypatch: pytest.MonkeyPatch) -> None:
    import faasguard.guard.integrity.hmac_signature as module

    calls: list[int] = []
    real = module.hmac.compare_digest

    def counting(a: Any, b: Any) -> bool:
        calls.append(1)
        return real(a, b)

    monkeypatch.setattr(module.hmac, "compare_digest", counting)
    check = HmacSignature([SECRET, "b", "c"], style="stripe", clock=clock)
    good = mac(SECRET, f"{NOW}.".encode() + BODY)
    check(req(stripe_header(NOW, good, mac("z", BODY))))
    assert len(calls) == 6  # 3 secrets x 2 signatures, no early exit


def test_custom_scheme_base64_with_timestamp() -> None:
    scheme = HmacScheme(
        header="X-Signature",
        prefix="hmac-sha512 ",
        digest="sha512",
        encoding=SignatureEncoding.BASE64,
        timestamp_header="X-Timestamp",
        message="{timestamp}\n{body}",
    )
    check = HmacSignature(b"raw-bytes-secret", style=scheme, tolerance=60, clock=clock)
    digest = hmac.new(b"raw-bytes-secret", f"{NOW}\n".encode() + BODY, hashlib.sha512).digest()
    value = "hmac-sha512 " + base64.b64encode(digest).decode()
    check(req({"x-signature": value, "x-timestamp": str(NOW)}))
    assert (
        rule_of(check, req({"x-signature": value, "x-timestamp": str(NOW + 1)})) == "hmac.mismatch"
    )
    assert rule_of(check, req({"x-signature": "hmac-sha512 !!!", "x-timestamp": str(NOW)})) == (
        "hmac.malformed"
    )


def test_custom_template_body_with_placeholder_text_is_literal() -> None:
    body = b"{timestamp}{body}"
    scheme = HmacScheme(header="x-sig", message="v1|{body}")
    check = HmacSignature(SECRET, style=scheme)
    check(req({"x-sig": mac(SECRET, b"v1|" + body)}, body=body))


@pytest.mark.parametrize(
    ("secret", "kwargs", "message"),
    [
        ("", {}, "non-empty secret"),
        ([], {}, "non-empty secret"),
        (SECRET, {"style": "gitlab"}, "unknown HMAC style"),
        (SECRET, {"tolerance": -1}, "tolerance"),
    ],
)
def test_misconfiguration(secret: Any, kwargs: dict[str, Any], message: str) -> None:
    with pytest.raises(GuardConfigError, match=message):
        HmacSignature(secret, **kwargs)


def test_unknown_digest_fails_at_configuration() -> None:
    with pytest.raises(GuardConfigError, match="unknown digest"):
        HmacSignature(SECRET, style=HmacScheme(header="x", digest="nope"))
