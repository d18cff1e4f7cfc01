"""Validation checks: JSON Schema, pydantic models, content types, parts."""

from __future__ import annotations

from typing import Any

import pytest

from faasguard.guard import (
    ContentType,
    EventKind,
    GuardConfigError,
    GuardViolation,
    ModelCheck,
    Request,
    SchemaCheck,
)
from faasguard.guard.validation import select

ORDER = {
    "type": "object",
    "properties": {"id": {"type": "integer", "minimum": 1}, "note": {"type": "string"}},
    "required": ["id"],
    "additionalProperties": False,
}


def req(body: bytes | None = None, **kw: Any) -> Request:
    return Request(kind=EventKind.API_GATEWAY_REST, raw=kw.pop("raw", {}), body=body, **kw)


def test_schema_accepts_and_rejects_without_values_in_detail() -> None:
    check = SchemaCheck(ORDER)
    check(req(b'{"id": 3}'))
    with pytest.raises(GuardViolation) as info:
        check(req(b'{"id": -5, "note": "s3cr3t"}'))
    assert (info.value.status, info.value.rule) == (400, "schema.invalid")
    assert info.value.detail == "data.id minimum"
    assert "s3cr3t" not in info.value.detail


def test_schema_compiled_once(monkeypatch: pytest.MonkeyPatch) -> None:
    import fastjsonschema

    calls: list[Any] = []
    real = fastjsonschema.compile

    def counting(*args: Any, **kwargs: Any) -> Any:
        calls.append(args)
        return real(*args, **kwargs)

    monkeypatch.setattr(fastjsonschema, "compile", counting)
    check = SchemaCheck(ORDER)
    for i in range(1, 5):
        check(req(f'{{"id": {i}}}'.encode()))
    assert len(calls) == 1


def test_schema_invalid_json_body() -> None:
    with pytest.raises(GuardViolation) as info:
        SchemaCheck(ORDER)(req(b"{not json"))
    assert info.value.rule == "body.json"


def test_schema_definition_errors_and_remote_refs_fail_at_build() -> None:
    with pytest.raises(GuardConfigError):
        SchemaCheck({"type": "no-such-type"})
    with pytest.raises(GuardConfigError, match="remote"):
        SchemaCheck({"$ref": "https://example.com/schema.json"})


@pytest.mark.parametrize(
    ("part", "expected"),
    [
        ("query", {"q": ["1"]}),
        ("headers", {"x-a": "b"}),
        ("path_params", {"id": "9"}),
        ("cookies", {"c": "d"}),
        ("claims", {"sub": "u"}),
        ("raw.queryStringParameters.q", "1"),
        ("raw.Records.0.x", 5),
        ("raw.missing.deeper", None),
        ("text", '{"a":1}'),
        ("body", {"a": 1}),
    ],
)
def test_select_parts(part: str, expected: Any) -> None:
    request = req(
        b'{"a":1}',
        raw={"queryStringParameters": {"q": "1"}, "Records": [{"x": 5}]},
        query={"q": ["1"]},
        headers={"x-a": "b"},
        path_params={"id": "9"},
        cookies={"c": "d"},
        claims={"sub": "u"},
    )
    assert select(request, part) == expected


def test_schema_on_another_part() -> None:
    check = SchemaCheck(
        {"type": "object", "properties": {"q": {"type": "string", "pattern": "^[0-9]+$"}}},
        part="raw.queryStringParameters",
    )
    check(req(raw={"queryStringParameters": {"q": "12"}}))
    with pytest.raises(GuardViolation):
        check(req(raw={"queryStringParameters": {"q": "1 OR 1=1"}}))
    assert check.name == "schema.raw.queryStringParameters"


def test_unknown_part_is_a_config_error() -> None:
    with pytest.raises(GuardConfigError):
        SchemaCheck(ORDER, part="nope")


def test_pydantic_model_stores_parsed_value() -> None:
    pydantic = pytest.importorskip("pydantic")

    class Order(pydantic.BaseModel):
        id: int
        note: str = ""

    check = ModelCheck(Order)
    request = req(b'{"id": "4"}')
    check(request)
    assert request.parsed["body"] == Order(id=4)
    with pytest.raises(GuardViolation) as info:
        check(req(b'{"id": "four", "note": "hunter2"}'))
    assert info.value.detail == "id int_parsing"
    with pytest.raises(GuardViolation):
        ModelCheck(Order, strict=True)(req(b'{"id": "4"}'))


@pytest.mark.parametrize(
    ("header", "ok"),
    [
        ("application/json", True),
        ("Application/JSON; charset=UTF-8", True),
        ("application/vnd.api+json", True),
        ("application/json; charset=latin-1", False),
        ("text/html", False),
        (None, False),
    ],
)
def test_content_type(header: str | None, ok: bool) -> None:
    check = ContentType(["application/json", "application/*+json"])
    headers = {"content-type": header} if header else {}
    request = req(b"{}", headers=headers)
    if ok:
        check(request)
    else:
        with pytest.raises(GuardViolation) as info:
            check(request)
        assert info.value.status == 415


def test_content_type_ignores_empty_body_and_can_allow_missing() -> None:
    ContentType()(req(None))
    ContentType(allow_missing=True)(req(b"x"))
    with pytest.raises(GuardConfigError):
        ContentType([])
