"""Every pattern in secret_patterns.json matches its own samples and misses its counter-samples;
the helpers that use them classify and mask values as documented."""

from __future__ import annotations

import re
from typing import Any

import pytest

from faasguard.analysis.secrets import patterns as _secrets
from faasguard.analysis.secrets.patterns import (
    SecretKind,
    classify,
    mask,
    normalise_name,
    secret_name,
)
from faasguard.core.enums import Confidence

DATA = _secrets.load_data()


def _pattern_cases() -> list[tuple[str, str, dict[str, Any]]]:
    cases = []
    for group in ("secret", "not_secret"):
        cases += [
            (f"names.{group}.{p['id']}", p["regex"], p["samples"]) for p in DATA["names"][group]
        ]
    cases += [(f"values.{p['id']}", p["regex"], p["samples"]) for p in DATA["values"]]
    refs = DATA["references"]["patterns"]
    cases += [(f"references.{p['id']}", p["regex"], p["samples"]) for p in refs]
    placeholders = DATA["placeholders"]
    cases.append(("placeholders", placeholders["regex"], placeholders["samples"]))
    not_random = DATA["entropy"]["not_random"]
    cases.append(("entropy.not_random", not_random["regex"], not_random["samples"]))
    return cases


@pytest.mark.parametrize(
    ("where", "regex", "samples"), _pattern_cases(), ids=[c[0] for c in _pattern_cases()]
)
def test_pattern_samples(where: str, regex: str, samples: dict[str, list[str]]) -> None:
    compiled = re.compile(regex)
    assert samples["match"] and samples["no_match"], f"{where}: needs samples of both kinds"
    search = compiled.match if where in ("placeholders", "entropy.not_random") else compiled.search
    subject = normalise_name if where.startswith("names.") else (lambda s: s)
    for sample in samples["match"]:
        assert search(subject(sample)), f"{where} should match {sample!r}"
    for sample in samples["no_match"]:
        assert not search(subject(sample)), f"{where} should not match {sample!r}"


def test_entropy_samples() -> None:
    samples = DATA["entropy"]["samples"]
    for sample in samples["match"]:
        assert _secrets.looks_random(sample), f"should look random: {sample!r}"
    for sample in samples["no_match"]:
        assert not _secrets.looks_random(sample), f"should not look random: {sample!r}"


def test_every_value_pattern_has_a_known_severity_and_reference() -> None:
    for pattern in DATA["values"]:
        assert pattern["reference"].startswith("https://"), pattern["id"]
    assert {p.id for p in _secrets.patterns().values} == {p["id"] for p in DATA["values"]}


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("dbPassword", "db_password"),
        ("DB-PASSWORD", "db_password"),
        ("stripe.apiKey", "stripe_api_key"),
        ("JWTSecret", "jwtsecret"),
    ],
)
def test_normalise_name(name: str, expected: str) -> None:
    assert normalise_name(name) == expected


def test_secret_names_and_their_exclusions() -> None:
    assert secret_name("DB_PASSWORD") == "password"
    assert secret_name("stripeApiKey") == "api-key"
    assert secret_name("DB_PASSWORD_ARN") is None
    assert secret_name("SECRET_NAME") is None
    assert secret_name("TABLE_NAME") is None
    assert secret_name("JWT_PUBLIC_KEY") is None


def test_classify_prefers_known_formats() -> None:
    found = classify("SOME_SETTING", "AKIAIOSFODNN7EXAMPLE")
    assert found is not None and found.kind is SecretKind.FORMAT
    assert found.pattern == "aws-access-key-id" and found.confidence is Confidence.HIGH
    assert found.description == "an AWS access key id"


def test_classify_by_name_and_by_entropy() -> None:
    by_name = classify("DB_PASSWORD", "hunter22")
    assert by_name is not None and by_name.kind is SecretKind.NAME
    by_entropy = classify("UPSTREAM", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY")
    assert by_entropy is not None and by_entropy.kind is SecretKind.ENTROPY


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("DB_PASSWORD", "{{resolve:secretsmanager:prod/db:SecretString:password}}"),
        ("DB_PASSWORD", "{{resolve:ssm-secure:/prod/db/password:1}}"),
        ("DB_PASSWORD", "${ssm:/prod/db/password}"),
        ("DB_PASSWORD", "arn:aws:secretsmanager:eu-west-1:123456789012:secret:db-AbCdEf"),
        ("DB_PASSWORD", "/prod/db/password"),
        ("DB_PASSWORD", "changeme"),
        ("DB_PASSWORD", ""),
        ("TABLE_NAME", "orders-table-production"),
        ("LOG_LEVEL", "INFO"),
        ("TOKEN_TTL", "3600"),
    ],
)
def test_classify_leaves_references_placeholders_and_plain_settings(name: str, value: str) -> None:
    assert classify(name, value) is None


def test_mask_never_shows_the_secret() -> None:
    secret = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"
    masked = mask(secret)
    assert secret not in masked and masked.startswith("wJal") and "40 characters" in masked
    assert mask("hunter22") == "…(8 characters)"
