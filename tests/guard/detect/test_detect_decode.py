"""Decoding before matching: what each layer of encoding turns into, and that it is bounded."""

from __future__ import annotations

import base64

import pytest

from faasguard.guard.detect import MAX_SCAN, DetectionKind, detect
from faasguard.guard.detect.decode import MAX_ROUNDS, canonical, from_base64, percent_decode


@pytest.mark.parametrize(
    ("raw", "decoded"),
    [
        ("%27%20or%201%3D1", "' or 1=1"),
        ("%2527", "'"),  # double encoding
        ("%252e%252e%252f", "../"),
        ("%u0027%u003c", "'<"),  # IIS %u
        ("..%c0%af..%c1%9c", "../..\\"),  # overlong UTF-8
        ("&lt;script&gt;", "<script>"),
        ("&#x3c;&#60;&quot;", '<<"'),
        ("&amp;lt;b&amp;gt;", "<b>"),  # entity-encoded entity
        ("%26lt%3Bimg%26gt%3B", "<img>"),  # percent then entity
        ("＜ｓｃｒｉｐｔ＞", "<script>"),  # noqa: RUF001 - fullwidth is the point
        ("sel\x00ect", "select"),
        ("caf%C3%A9", "café"),
        ("50% off", "50% off"),  # not an escape
        ("a+b", "a+b"),  # plus is kept: JSON bodies are not form-encoded
        ("%c0%2e%c0%5c", ".\\"),  # lenient overlong: an ASCII second byte taken as itself
        ("%e0%80%ae%e0%81%9c", ".\\"),  # three-byte overlong
        ("%f0%80%80%af", "/"),  # four-byte overlong
        ("%fc%80%80%80%80%ae", "."),  # six-byte overlong
        ("%e2%82%ac", "€"),  # a real three-byte character is left alone
        ("%u2215%u2216%u2044", "/\\/"),  # look-alike slashes ("best fit" conversion)
        ("%uff0e%uff0e", ".."),  # fullwidth dots (NFKC)
        ("plain-ascii_value.1", "plain-ascii_value.1"),  # nothing to undo: returned as is
    ],
)
def test_canonical(raw: str, decoded: str) -> None:
    assert canonical(raw) == decoded


def test_percent_decoding_is_bounded() -> None:
    deep = "'"
    for _ in range(MAX_ROUNDS + 2):
        deep = deep.replace("%", "%25").replace("'", "%27")
    # Only MAX_ROUNDS layers are undone; what is left still shows a percent sign.
    assert "%" in canonical(deep)
    assert percent_decode("%zz%2") == "%zz%2"


def test_input_is_capped() -> None:
    text = "a" * (MAX_SCAN + 100) + "<script>alert(1)</script>"
    assert len(canonical(text)) == MAX_SCAN
    assert detect(text) == []  # documented: past 64 KiB nothing is scanned


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("%3Cscript%3Ealert(1)%3C%2Fscript%3E", DetectionKind.XSS),
        ("%253Csvg%2520onload%253Dalert(1)%253E", DetectionKind.XSS),
        ("&#39; OR &#39;1&#39;=&#39;1", DetectionKind.SQLI),
        ("%2e%2e%2f%2e%2e%2fetc%2fpasswd", DetectionKind.PATH_TRAVERSAL),
        ("..%c0%af..%c0%afetc%c0%afpasswd", DetectionKind.PATH_TRAVERSAL),
        ("%24%7Bjndi%3Aldap%3A%2F%2Fx%2Fa%7D", DetectionKind.LOG4SHELL),
        ("＇ ＯＲ １＝１－－", DetectionKind.SQLI),  # noqa: RUF001
        ("UN\x00ION SEL\x00ECT 1,2", DetectionKind.SQLI),
    ],
)
def test_encoded_attacks_are_found(text: str, kind: DetectionKind) -> None:
    assert kind in {d.kind for d in detect(text)}


def test_base64_only_when_declared() -> None:
    payload = base64.b64encode(b"<script>alert(1)</script>").decode()
    assert detect(payload) == []
    assert [d.kind for d in detect(payload, base64=True)] == [DetectionKind.XSS]
    urlsafe = base64.urlsafe_b64encode(b"../../etc/passwd?x=>>").decode().rstrip("=")
    assert DetectionKind.PATH_TRAVERSAL in {d.kind for d in detect(urlsafe, base64=True)}


def test_base64_that_does_not_decode_is_scanned_as_is() -> None:
    assert from_base64("not base64 at all!") is None
    assert from_base64(base64.b64encode(b"\xff\xfe").decode()) is None  # not UTF-8
    assert from_base64("") is None
    assert [d.kind for d in detect("' OR 1=1--", base64=True)] == [DetectionKind.SQLI]
