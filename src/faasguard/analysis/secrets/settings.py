"""The secret scanner's settings (``faasguard/data/secret_scan.json``), loaded once."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from enum import Enum
from functools import cache
from importlib import resources
from typing import Any


class Syntax(str, Enum):
    """How key/value pairs are written in a kind of file."""

    ASSIGN = "assign"  # KEY=VALUE / KEY: VALUE per line (.env, ini, toml, HCL, shell)
    YAML = "yaml"
    JSON = "json"
    NETRC = "netrc"
    TEXT = "text"  # no pairs: known formats only


@dataclass(frozen=True, slots=True)
class FileKind:
    id: str
    syntax: Syntax
    names: frozenset[str] = frozenset()
    prefixes: tuple[str, ...] = ()
    suffixes: tuple[str, ...] = ()
    secret_keys: re.Pattern[str] | None = None
    quoted_only: bool = False  # unquoted values are expressions (HCL), not literals

    def matches(self, filename: str) -> bool:
        return (
            filename in self.names
            or filename.startswith(self.prefixes)
            or filename.endswith(self.suffixes)
        )


TEXT_KIND = FileKind("text", Syntax.TEXT)


@dataclass(frozen=True, slots=True)
class SecretArgument:
    call: str
    position: int
    keyword: str
    name: str


@dataclass(frozen=True, slots=True)
class ScanSettings:
    documentation_examples: frozenset[str]
    example_marker: str  # values containing it are likely examples: low confidence
    not_credential: re.Pattern[str]
    plain_word: re.Pattern[str]
    entropy_exempt_names: re.Pattern[str]
    test_paths: re.Pattern[str]
    format_secrets: dict[str, re.Pattern[str]]  # pattern id -> regex with a `secret` group
    format_hints: dict[str, tuple[str, ...]]  # pattern id -> texts one of which every match has
    aws_secret: re.Pattern[str]
    aws_pair_lines: int
    secret_arguments: dict[str, SecretArgument]
    environment_defaults: frozenset[str]
    kinds: tuple[FileKind, ...]
    skip_names: frozenset[str]
    skip_suffixes: tuple[str, ...]
    key_names: frozenset[str]
    keystore_suffixes: tuple[str, ...]

    def kind_of(self, path: str) -> FileKind | None:
        """The kind of a file by its name; None for files not to read at all."""
        name = path.rsplit("/", 1)[-1]
        if name in self.skip_names or name.lower().endswith(self.skip_suffixes):
            return None
        return next((k for k in self.kinds if k.matches(name)), TEXT_KIND)

    @classmethod
    def from_data(cls, data: dict[str, Any]) -> ScanSettings:
        files, code, pair = data["files"], data["code"], data["aws_pair"]
        return cls(
            documentation_examples=frozenset(data["documentation_examples"]["values"]),
            example_marker=data["documentation_examples"]["marker"],
            not_credential=re.compile(data["not_credential"]["regex"]),
            plain_word=re.compile(data["plain_word"]["regex"]),
            entropy_exempt_names=re.compile(data["entropy_exempt_names"]["regex"]),
            test_paths=re.compile(data["test_paths"]["regex"]),
            format_hints={
                pid: tuple(hints) for pid, hints in data["format_hints"]["hints"].items()
            },
            format_secrets={
                pid: re.compile(regex) for pid, regex in data["format_secrets"]["groups"].items()
            },
            aws_secret=re.compile(pair["secret_regex"]),
            aws_pair_lines=int(pair["max_lines"]),
            secret_arguments={
                entry["call"]: SecretArgument(
                    entry["call"], int(entry["position"]), entry["keyword"], entry["name"]
                )
                for entry in code["secret_arguments"]
            },
            environment_defaults=frozenset(code["environment_defaults"]),
            kinds=tuple(_kind(entry) for entry in files["kinds"]),
            skip_names=frozenset(files["skip_names"]),
            skip_suffixes=tuple(files["skip_suffixes"]),
            key_names=frozenset(data["key_files"]["names"]),
            keystore_suffixes=tuple(data["key_files"]["keystore_suffixes"]),
        )


def _kind(entry: dict[str, Any]) -> FileKind:
    secret_keys = entry.get("secret_keys")
    return FileKind(
        id=entry["id"],
        syntax=Syntax(entry["syntax"]),
        names=frozenset(entry.get("names", ())),
        prefixes=tuple(entry.get("prefixes", ())),
        suffixes=tuple(entry.get("suffixes", ())),
        secret_keys=re.compile(secret_keys) if secret_keys else None,
        quoted_only=bool(entry.get("quoted_only", False)),
    )


def load_data() -> dict[str, Any]:
    text = (resources.files("faasguard") / "data" / "secret_scan.json").read_text("utf-8")
    data: dict[str, Any] = json.loads(text)
    return data


@cache
def settings() -> ScanSettings:
    return ScanSettings.from_data(load_data())


__all__ = [
    "TEXT_KIND",
    "FileKind",
    "ScanSettings",
    "SecretArgument",
    "Syntax",
    "load_data",
    "settings",
]
