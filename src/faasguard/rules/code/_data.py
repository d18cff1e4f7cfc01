"""The data of the code pattern rules (``faasguard/data/code_checks.json``), loaded once."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from faasguard.analysis.secrets.patterns import normalise_name


@dataclass(frozen=True, slots=True)
class NamePattern:
    """A regex over names; normalised to lower snake case first unless `raw`."""

    regex: re.Pattern[str]
    raw: bool = False

    def matches(self, name: str) -> bool:
        subject = name if self.raw else normalise_name(name)
        return self.regex.search(subject) is not None


@dataclass(frozen=True, slots=True)
class CodeChecks:
    password: NamePattern
    unpredictable: NamePattern
    not_unpredictable: NamePattern
    security_check: NamePattern
    response_builder: NamePattern
    http_exception: NamePattern
    route_decorators: frozenset[str]
    exception_attributes: frozenset[str]
    exception_calls: frozenset[str]
    exception_status_keys: frozenset[str]
    fast_hashes: frozenset[str]
    weak_hash_names: frozenset[str]
    insecure_random: frozenset[str]
    weak_ciphers: dict[str, str]  # qualified call -> cipher name
    ecb_attributes: frozenset[str]
    ecb_calls: frozenset[str]
    tls_keywords: frozenset[str]
    tls_attributes: frozenset[str]
    unverified_contexts: frozenset[str]
    cert_none: frozenset[str]
    cert_keywords: frozenset[str]
    jwt_decode_calls: frozenset[str]
    jwt_unverified_options: frozenset[str]
    temp_path: re.Pattern[str]
    insecure_temp_calls: frozenset[str]

    def secret_like(self, name: str) -> bool:
        """A name for a value that must be unpredictable (token, salt, nonce, password...)."""
        return self.unpredictable.matches(name) and not self.not_unpredictable.matches(name)

    @classmethod
    def from_data(cls, data: dict[str, Any]) -> CodeChecks:
        names = data["names"]
        tls, jwt = data["tls"], data["jwt"]
        return cls(
            password=_names(names["password"]),
            unpredictable=_names(names["unpredictable"]),
            not_unpredictable=_names(names["not_unpredictable"]),
            security_check=_names(names["security_check"]),
            response_builder=_names(names["response_builder"]),
            http_exception=_names(names["http_exception"]),
            route_decorators=frozenset(data["handler_decorators"]["attributes"]),
            exception_attributes=frozenset(data["exception_text"]["attributes"]),
            exception_calls=frozenset(data["exception_text"]["calls"]),
            exception_status_keys=frozenset(data["exception_text"]["status_keys"]),
            fast_hashes=frozenset(data["fast_hashes"]["calls"]),
            weak_hash_names=frozenset(data["fast_hashes"]["weak"]),
            insecure_random=frozenset(data["insecure_random"]["calls"]),
            weak_ciphers={entry["call"]: entry["what"] for entry in data["weak_ciphers"]},
            ecb_attributes=frozenset(data["ecb"]["attributes"]),
            ecb_calls=frozenset(data["ecb"]["calls"]),
            tls_keywords=frozenset(tls["keywords"]),
            tls_attributes=frozenset(tls["attributes"]),
            unverified_contexts=frozenset(tls["unverified_contexts"]),
            cert_none=frozenset(tls["cert_none"]),
            cert_keywords=frozenset(tls["cert_keywords"]),
            jwt_decode_calls=frozenset(jwt["decode_calls"]),
            jwt_unverified_options=frozenset(jwt["unverified_options"]),
            temp_path=re.compile(data["temp"]["path_regex"]),
            insecure_temp_calls=frozenset(data["temp"]["insecure_calls"]),
        )


def _names(entry: dict[str, Any]) -> NamePattern:
    return NamePattern(re.compile(entry["regex"]), bool(entry.get("raw", False)))


def load_data() -> dict[str, Any]:
    text = (resources.files("faasguard") / "data" / "code_checks.json").read_text("utf-8")
    data: dict[str, Any] = json.loads(text)
    return data


@cache
def checks() -> CodeChecks:
    return CodeChecks.from_data(load_data())


__all__ = ["CodeChecks", "NamePattern", "checks", "load_data"]
