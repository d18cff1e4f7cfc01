"""Finding and reading the configuration file."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import tomllib

from faasguard.core.config import Config, ConfigError, parse_config


def load_config(paths: Sequence[Path], explicit: Path | None) -> Config:
    """`--config FILE` if given; else `.faasguard.toml` or a pyproject.toml with a
    `[tool.faasguard]` table in the first scanned directory, then in the working directory."""
    if explicit is not None:
        table = _table(explicit, required=True)
        return parse_config(table or {}, str(explicit))
    first = paths[0] if paths else Path()
    start = first if first.is_dir() else first.parent
    for directory in dict.fromkeys([start, Path()]):
        for name in (".faasguard.toml", "pyproject.toml"):
            candidate = directory / name
            if candidate.is_file():
                table = _table(candidate, required=name == ".faasguard.toml")
                if table is not None:
                    return parse_config(table, str(candidate))
    return Config()


def _table(path: Path, *, required: bool) -> dict[str, object] | None:
    try:
        with path.open("rb") as handle:
            document = tomllib.load(handle)
    except OSError as exc:
        raise ConfigError(f"cannot read {path}: {exc.strerror}") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: {exc}") from None
    if path.name == "pyproject.toml" or "tool" in document:
        table = document.get("tool", {}).get("faasguard")
        if table is None and required:
            return {}
        return table if isinstance(table, dict) or table is None else {}
    return document


__all__ = ["load_config"]
