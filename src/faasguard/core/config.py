"""Scan configuration: from `[tool.faasguard]` in pyproject.toml, `.faasguard.toml`, or flags.

```toml
[tool.faasguard]
disable = ["IAC030"]            # or enable = [...] to run only these
exclude = ["tests/**", "legacy/"]
fail-on = "high"
[tool.faasguard.severity]
IAC012 = "critical"
[tool.faasguard.options.IAC020]
max-timeout = 29
```
"""

from __future__ import annotations

import fnmatch
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from faasguard.core.enums import Category, Severity


class ConfigError(ValueError):
    """The configuration is invalid; the message says where and why."""


@dataclass(frozen=True, slots=True)
class Config:
    enable: frozenset[str] | None = None  # None: every rule
    disable: frozenset[str] = frozenset()
    severity_overrides: Mapping[str, Severity] = field(default_factory=dict)
    options: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    exclude: tuple[str, ...] = ()
    fail_on: Severity = Severity.HIGH
    min_severity: Severity = Severity.INFO  # report filter
    categories: frozenset[Category] | None = None  # report filter
    rules: frozenset[str] | None = None  # report filter
    environ: Mapping[str, str] | None = None  # --env: let ${env:X} resolve
    cli_options: Mapping[str, str] = field(default_factory=dict)  # --opt k=v for ${opt:k}
    max_file_bytes: int = 5 * 1024 * 1024
    advisories: str | None = None  # advisory data for the DEP rules; None: the shipped snapshot

    def rule_enabled(self, rule_id: str) -> bool:
        if rule_id in self.disable:
            return False
        return self.enable is None or rule_id in self.enable

    def excluded(self, relpath: str) -> bool:
        return any(_glob_match(relpath, pattern) for pattern in self.exclude)

    def with_flags(self, **changes: Any) -> Config:
        return replace(self, **{k: v for k, v in changes.items() if v is not None})


def _glob_match(relpath: str, pattern: str) -> bool:
    pattern = pattern.strip().lstrip("./")
    if pattern.endswith("/"):
        return relpath.startswith(pattern) or f"/{pattern}" in f"/{relpath}"
    if fnmatch.fnmatchcase(relpath, pattern):
        return True
    return "/" not in pattern and any(
        fnmatch.fnmatchcase(part, pattern) for part in relpath.split("/")
    )


def parse_config(table: Mapping[str, Any], source: str) -> Config:
    """A Config from the `[tool.faasguard]` table. Raises ConfigError naming `source`."""
    known = {
        "enable",
        "disable",
        "exclude",
        "severity",
        "options",
        "fail-on",
        "max-file-bytes",
        "advisories",
        "db-url",
    }
    unknown = sorted(set(table) - known)
    if unknown:
        raise ConfigError(f"{source}: unknown setting(s) {', '.join(unknown)}")
    config = Config()
    if "enable" in table:
        config = replace(config, enable=frozenset(_ids(table["enable"], source, "enable")))
    if "disable" in table:
        config = replace(config, disable=frozenset(_ids(table["disable"], source, "disable")))
    if "exclude" in table:
        config = replace(config, exclude=tuple(_strings(table["exclude"], source, "exclude")))
    if "severity" in table:
        overrides = _table(table["severity"], source, "severity")
        config = replace(
            config,
            severity_overrides={
                rule.upper(): parse_severity(value, f"{source}: severity.{rule}")
                for rule, value in overrides.items()
            },
        )
    if "options" in table:
        options = _table(table["options"], source, "options")
        config = replace(
            config,
            options={
                rule.upper(): _table(value, source, f"options.{rule}")
                for rule, value in options.items()
            },
        )
    if "fail-on" in table:
        config = replace(config, fail_on=parse_severity(table["fail-on"], f"{source}: fail-on"))
    if "max-file-bytes" in table:
        size = table["max-file-bytes"]
        if not isinstance(size, int) or size <= 0:
            raise ConfigError(f"{source}: max-file-bytes must be a positive integer")
        config = replace(config, max_file_bytes=size)
    if "advisories" in table:
        location = table["advisories"]
        if not isinstance(location, str) or not location:
            raise ConfigError(f"{source}: advisories must be a path")
        config = replace(config, advisories=_relative_to(source, location))
    if "db-url" in table:  # read by `faasguard db update`; checked here
        urls = table["db-url"]
        _strings([urls] if isinstance(urls, str) else urls, source, "db-url")
    return config


def _relative_to(source: str, location: str) -> str:
    """A path from a configuration file, relative to that file's folder."""
    path = Path(location).expanduser()
    return str(path if path.is_absolute() else Path(source).parent / path)


def parse_severity(value: object, where: str) -> Severity:
    try:
        return Severity(str(value).lower())
    except ValueError:
        choices = ", ".join(s.value for s in Severity)
        raise ConfigError(f"{where}: {value!r} is not a severity ({choices})") from None


def _ids(value: object, source: str, key: str) -> list[str]:
    return [item.upper() for item in _strings(value, source, key)]


def _strings(value: object, source: str, key: str) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"{source}: {key} must be a list of strings")
    return list(value)


def _table(value: object, source: str, key: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise ConfigError(f"{source}: {key} must be a table")
    return value


__all__ = ["Config", "ConfigError", "parse_config", "parse_severity"]
