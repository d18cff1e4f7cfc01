"""code_checks.json: every name regex matches its samples and misses its counter-samples; the
lists hold well-formed qualified names."""

from __future__ import annotations

import re
from typing import Any

import pytest

from faasguard.analysis.secrets.patterns import normalise_name
from faasguard.rules.code._data import checks, load_data

DATA = load_data()


@pytest.mark.parametrize(("name", "entry"), list(DATA["names"].items()), ids=list(DATA["names"]))
def test_name_samples(name: str, entry: dict[str, Any]) -> None:
    regex = re.compile(entry["regex"])
    subject = (lambda s: s) if entry.get("raw") else normalise_name
    assert entry["samples"]["match"] and entry["samples"]["no_match"], name
    for sample in entry["samples"]["match"]:
        assert regex.search(subject(sample)), f"{name} should match {sample!r}"
    for sample in entry["samples"]["no_match"]:
        assert not regex.search(subject(sample)), f"{name} should not match {sample!r}"


def test_temp_path_samples() -> None:
    regex = re.compile(DATA["temp"]["path_regex"])
    assert all(regex.match(s) for s in DATA["temp"]["samples"]["match"])
    assert not any(regex.match(s) for s in DATA["temp"]["samples"]["no_match"])


def test_qualified_names_are_dotted() -> None:
    data = checks()
    dotted = re.compile(r"^[A-Za-z_][\w]*(\.[A-Za-z_][\w]*)+$")
    names = [
        *data.fast_hashes,
        *data.insecure_random,
        *data.weak_ciphers,
        *data.ecb_calls,
        *data.unverified_contexts,
        *data.jwt_decode_calls,
        *data.insecure_temp_calls,
        *data.exception_calls,
    ]
    assert [n for n in names if not dotted.match(n)] == []


def test_secret_like_names_exclude_counters_and_timeouts() -> None:
    data = checks()
    assert data.secret_like("access_token") and data.secret_like("generateOtp")
    assert not data.secret_like("token_count") and not data.secret_like("retry_delay")
