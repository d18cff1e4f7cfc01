"""secret_scan.json: every regex matches its samples and misses its counter-samples, and the
format hints never hide a credential format of secret_patterns.json."""

from __future__ import annotations

import re
from typing import Any

import pytest

from faasguard.analysis.secrets import patterns as _secrets
from faasguard.analysis.secrets.model import candidate_formats
from faasguard.analysis.secrets.patterns import normalise_name
from faasguard.analysis.secrets.settings import FileKind, Syntax, load_data, settings

DATA = load_data()
PATTERNS = _secrets.load_data()


def _cases() -> list[tuple[str, str, dict[str, list[str]], bool]]:
    """(where, regex, samples, whole-value match) of every sampled regex."""
    cases = [
        (
            "not_credential",
            DATA["not_credential"]["regex"],
            DATA["not_credential"]["samples"],
            True,
        ),
        ("plain_word", DATA["plain_word"]["regex"], DATA["plain_word"]["samples"], True),
        (
            "entropy_exempt_names",
            DATA["entropy_exempt_names"]["regex"],
            DATA["entropy_exempt_names"]["samples"],
            False,
        ),
        ("test_paths", DATA["test_paths"]["regex"], DATA["test_paths"]["samples"], False),
        ("aws_pair", DATA["aws_pair"]["secret_regex"], DATA["aws_pair"]["samples"], False),
    ]
    for pattern_id, regex in DATA["format_secrets"]["groups"].items():
        cases.append(
            (f"format_secrets.{pattern_id}", regex, DATA["format_secrets"]["samples"], False)
        )
    return cases


@pytest.mark.parametrize(
    ("where", "regex", "samples", "whole"), _cases(), ids=lambda c: str(c)[:30]
)
def test_regex_samples(where: str, regex: str, samples: dict[str, list[str]], whole: bool) -> None:
    compiled = re.compile(regex)
    find = compiled.fullmatch if whole else compiled.search
    subject = normalise_name if where == "entropy_exempt_names" else (lambda s: s)
    if where.startswith("format_secrets."):
        # one sample list for all groups: each group must find its own kind of sample only
        samples = {
            "match": [s for s in samples["match"] if compiled.search(s)],
            "no_match": samples["no_match"],
        }
        assert samples["match"], f"{where}: no sample of its own"
    for sample in samples["match"]:
        assert find(subject(sample)), f"{where} should match {sample!r}"
    for sample in samples["no_match"]:
        assert not find(subject(sample)), f"{where} should not match {sample!r}"


@pytest.mark.parametrize("pattern", PATTERNS["values"], ids=lambda p: p["id"])
def test_every_format_has_hints_that_its_samples_contain(pattern: dict[str, Any]) -> None:
    hints = DATA["format_hints"]["hints"].get(pattern["id"])
    assert hints, f"{pattern['id']}: no hint in secret_scan.json format_hints"
    for sample in pattern["samples"]["match"]:
        assert any(h in sample for h in hints), f"{pattern['id']}: {sample!r} has no hint"
        assert pattern["id"] in {p.id for p in candidate_formats(sample)}


def test_hints_name_only_known_formats() -> None:
    known = {p["id"] for p in PATTERNS["values"]}
    assert set(DATA["format_hints"]["hints"]) <= known
    assert set(DATA["format_secrets"]["groups"]) <= known


def test_text_without_hints_searches_no_format() -> None:
    assert candidate_formats("orders-table-production") == []


def _kind(path: str) -> FileKind:
    kind = settings().kind_of(path)
    assert kind is not None, path
    return kind


def test_file_kinds() -> None:
    assert _kind("app/.env").syntax is Syntax.ASSIGN
    assert _kind(".env.production").id == "dotenv"
    assert _kind("deploy/.npmrc").secret_keys is not None
    assert _kind("infra/main.tf").quoted_only
    assert _kind("config/settings.yml").syntax is Syntax.YAML
    assert _kind("README.md").syntax is Syntax.TEXT
    assert settings().kind_of("web/package-lock.json") is None
    assert settings().kind_of("static/logo.PNG") is None


def test_documentation_examples_are_the_published_aws_keys() -> None:
    examples = set(DATA["documentation_examples"]["values"])
    assert "AKIAIOSFODNN7EXAMPLE" in examples
    assert all(DATA["documentation_examples"]["marker"] in v for v in examples)
