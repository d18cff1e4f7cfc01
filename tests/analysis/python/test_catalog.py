"""The data files: every entry documented and consistent with the rules that report it."""

from __future__ import annotations

import json
from importlib import resources
from typing import Any

import pytest

from faasguard.analysis.python.catalog import When, catalog
from faasguard.analysis.python.sinks import RULE_CATEGORY
from faasguard.core.enums import Category
from faasguard.rules import rule_by_id

FILES = ("events.json", "sinks.json", "sources.json", "sanitisers.json", "objects.json")


def read(name: str) -> dict[str, Any]:
    text = (resources.files("faasguard") / "data" / "taint" / name).read_text("utf-8")
    data: dict[str, Any] = json.loads(text)
    return data


@pytest.mark.parametrize("name", FILES)
def test_each_file_says_what_it_is_and_where_it_comes_from(name: str) -> None:
    data = read(name)
    assert isinstance(data["description"], str) and len(data["description"]) > 80
    assert isinstance(data["source"], str) and data["source"]


def test_every_sink_is_documented_and_reported_by_a_taint_rule() -> None:
    sinks = read("sinks.json")["sinks"]
    ids = [s["id"] for s in sinks]
    assert len(ids) == len(set(ids))
    for sink in sinks:
        assert sink["doc"] and sink["label"], sink["id"]
        rule = rule_by_id(sink["rule"])
        assert rule is not None and rule.project_check is not None, sink["id"]
        When(sink.get("when", ""))
        assert sink.get("calls") or sink.get("methods"), sink["id"]


def test_sanitiser_categories_match_the_rules() -> None:
    for rule_id, category in RULE_CATEGORY.items():
        rule = rule_by_id(rule_id)
        assert rule is not None
        if rule_id not in ("PY009", "PY014"):  # confused deputy is SSRF; redirects share URL checks
            assert rule.category is Category(category)
    known = set(RULE_CATEGORY.values()) | {"xss"}
    for entry in read("sanitisers.json")["partial"]:
        assert set(entry["categories"]) <= known, entry


def test_event_fields_are_documented() -> None:
    for entry in read("events.json")["fields"]:
        assert entry["doc"] and entry["field"], entry


def test_the_catalog_loads_and_indexes_sinks() -> None:
    loaded = catalog()
    assert "os.system" in loaded.sinks_by_call
    assert "execute" in loaded.sinks_by_method
    assert loaded.event_field(("Records", "[]", "s3", "object", "key")).field == "S3 object key"
    assert loaded.event_field(("unknownKey",)).field == "the whole event"
