"""SnsSignature with a self-signed certificate made in the test and a fake fetcher (no network)."""

from __future__ import annotations

import base64
import json
from datetime import datetime, timedelta, timezone
from functools import cache
from typing import Any

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa
from cryptography.x509.oid import NameOID

from faasguard.guard import EventKind, GuardConfigError, GuardViolation, Request
from faasguard.guard.integrity import SnsSignature, canonical_string, is_sns_cert_url

NOW = datetime(2024, 5, 1, 12, 0, tzinfo=timezone.utc)
CERT_URL = "https://sns.eu-west-1.amazonaws.com/SimpleNotificationService-abc123.pem"
TOPIC = "arn:aws:sns:eu-west-1:123456789012:orders"


def clock() -> float:
    return NOW.timestamp()


@cache
def signer(kind: str = "rsa") -> tuple[Any, bytes]:
    key: Any = (
        rsa.generate_private_key(public_exponent=65537, key_size=2048)
        if kind == "rsa"
        else ec.generate_private_key(ec.SECP256R1())
    )
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "sns.eu-west-1.amazonaws.com")])
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(1)
        .not_valid_before(NOW - timedelta(days=1))
        .not_valid_after(NOW + timedelta(days=30))
        .sign(key, hashes.SHA256())
    )
    return key, cert.public_bytes(serialization.Encoding.PEM)


class Fetcher:
    def __init__(self, pem: bytes) -> None:
        self.pem = pem
        self.urls: list[str] = []

    def __call__(self, url: str) -> bytes:
        self.urls.append(url)
        return self.pem


def signed(message: dict[str, Any], version: str = "1", key: Any = None) -> dict[str, Any]:
    message = {**message, "SignatureVersion": version, "SigningCertURL": CERT_URL}
    key = key or signer()[0]
    algorithm = hashes.SHA1() if version == "1" else hashes.SHA256()
    sig = key.sign(canonical_string(message), padding.PKCS1v15(), algorithm)
    message["Signature"] = base64.b64encode(sig).decode()
    return message


def notification(**extra: Any) -> dict[str, Any]:
    return {
        "Type": "Notification",
        "MessageId": "22b80b92-fdea-4c2c-8f9d-bdfb0c7bf324",
        "TopicArn": TOPIC,
        "Subject": "order",
        "Message": '{"order": 1}',
        "Timestamp": "2024-05-01T11:59:30.123Z",
        **extra,
    }


def http(message: dict[str, Any]) -> Request:
    return Request(
        kind=EventKind.API_GATEWAY_HTTP,
        raw={},
        headers={"x-amz-sns-message-type": message.get("Type", "")},
        body=json.dumps(message).encode(),
    )


def lambda_record(message: dict[str, Any]) -> Request:
    sns = dict(message)
    sns["SigningCertUrl"] = sns.pop("SigningCertURL")
    sns["UnsubscribeUrl"] = "https://sns.eu-west-1.amazonaws.com/?Action=Unsubscribe"
    sns["MessageAttributes"] = {}
    return Request(kind=EventKind.SNS, raw={"EventSource": "aws:sns", "Sns": sns})


def make_check(**kwargs: Any) -> tuple[SnsSignature, Fetcher]:
    fetcher = Fetcher(signer()[1])
    return SnsSignature(fetcher=fetcher, clock=clock, **kwargs), fetcher


def violation(check: SnsSignature, request: Request) -> tuple[int, str]:
    with pytest.raises(GuardViolation) as info:
        check(request)
    return info.value.status, info.value.rule


@pytest.mark.parametrize("version", ["1", "2"])
def test_notification_over_http_and_as_lambda_record(version: str) -> None:
    check, fetcher = make_check(topic_arns=[TOPIC])
    check(http(signed(notification(), version)))
    check(lambda_record(signed(notification(), version)))
    assert fetcher.urls == [CERT_URL]  # cached by URL


def test_notification_without_subject() -> None:
    check, _ = make_check()
    message = notification()
    del message["Subject"]
    check(http(signed(message)))
    record = signed(notification(Subject=None))
    check(lambda_record(record))


@pytest.mark.parametrize("kind", ["SubscriptionConfirmation", "UnsubscribeConfirmation"])
def test_confirmations(kind: str) -> None:
    check, _ = make_check()
    message = notification(
        Type=kind,
        Token="2336412f37",
        SubscribeURL="https://sns.eu-west-1.amazonaws.com/?Action=ConfirmSubscription&Token=x",
    )
    del message["Subject"]
    check(http(signed(message)))


def test_tampering_and_version_mismatch_are_refused() -> None:
    check, _ = make_check()
    message = signed(notification())
    message["Message"] = '{"order": 2}'
    assert violation(check, http(message)) == (401, "sns.signature")
    v1_signed_as_v2 = signed(notification(), "2")
    v1_signed_as_v2["SignatureVersion"] = "1"
    assert violation(check, http(v1_signed_as_v2)) == (401, "sns.signature")
    unknown = signed(notification())
    unknown["SignatureVersion"] = "3"
    assert violation(check, http(unknown)) == (401, "sns.signature")
    garbled = signed(notification())
    garbled["Signature"] = "not base64!"
    assert violation(check, http(garbled)) == (401, "sns.signature")


def test_message_signed_by_another_key_is_refused() -> None:
    check, _ = make_check()
    other = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    assert violation(check, http(signed(notification(), key=other))) == (401, "sns.signature")


@pytest.mark.parametrize(
    "url",
    [
        "http://sns.eu-west-1.amazonaws.com/cert.pem",
        "https://sns.eu-west-1.amazonaws.com.evil.example/cert.pem",
        "https://evil.example/sns.eu-west-1.amazonaws.com/cert.pem",
        "https://sns.eu-west-1.amazonaws.com@evil.example/cert.pem",
        "https://user@sns.eu-west-1.amazonaws.com/cert.pem",
        "https://sns.eu-west-1.amazonaws.com:8443/cert.pem",
        "https://sns.eu-west-1.amazonaws.com/cert.txt",
        "https://sns.eu-west-1.amazonaws.com/cert.pem?x=1",
        "https://sqs.eu-west-1.amazonaws.com/cert.pem",
        "https://sns.amazonaws.com/cert.pem",
        "https://sns.eu-west-1.amazonaws.com:abc/cert.pem",
    ],
)
def test_cert_url_outside_sns_hosts_is_never_fetched(url: str) -> None:
    assert not is_sns_cert_url(url)
    check, fetcher = make_check()
    message = signed(notification())
    message["SigningCertURL"] = url
    assert violation(check, http(message)) == (401, "sns.cert_url")
    assert fetcher.urls == []


def test_cert_url_hosts_accepted() -> None:
    assert is_sns_cert_url(CERT_URL)
    assert is_sns_cert_url(
        "https://sns.cn-north-1.amazonaws.com.cn/SimpleNotificationService-x.pem"
    )


def test_topic_allow_list() -> None:
    check, fetcher = make_check(topic_arns={TOPIC})
    stranger = signed(notification(TopicArn="arn:aws:sns:eu-west-1:999999999999:attacker"))
    assert violation(check, http(stranger)) == (403, "sns.topic")
    assert fetcher.urls == []


def test_certificate_problems() -> None:
    def broken(url: str) -> bytes:
        raise OSError("timeout")

    check = SnsSignature(fetcher=broken, clock=clock)
    assert violation(check, http(signed(notification()))) == (401, "sns.certificate")
    check = SnsSignature(fetcher=lambda url: b"not a pem", clock=clock)
    assert violation(check, http(signed(notification()))) == (401, "sns.certificate")
    later = SnsSignature(fetcher=Fetcher(signer()[1]), clock=lambda: clock() + 31 * 86400)
    assert violation(later, http(signed(notification()))) == (401, "sns.certificate")
    ec_cert = SnsSignature(fetcher=Fetcher(signer("ec")[1]), clock=clock)
    assert violation(ec_cert, http(signed(notification()))) == (401, "sns.certificate")


def test_max_age() -> None:
    check, _ = make_check(max_age=60)
    check(http(signed(notification())))  # 30 s old
    old = signed(notification(Timestamp="2024-05-01T11:58:00.000Z"))
    assert violation(check, http(old)) == (401, "sns.expired")


@pytest.mark.parametrize(
    "body",
    [b"[1, 2]", b'{"Type": "Other"}', b'{"Type": "Notification", "Message": 5}'],
)
def test_malformed_messages(body: bytes) -> None:
    check, _ = make_check()
    request = Request(kind=EventKind.API_GATEWAY_HTTP, raw={}, body=body)
    assert violation(check, request) == (400, "sns.malformed")


def test_topic_arns_as_one_string_is_refused() -> None:
    with pytest.raises(GuardConfigError, match="collection"):
        SnsSignature(topic_arns=TOPIC)
