"""Secrets from environment variables (the least safe place, but a common one)."""

from __future__ import annotations

import os
from collections.abc import Mapping

from faasguard.guard.secrets import SecretUnavailable

__all__ = ["EnvProvider"]


class EnvProvider:
    """Reads ``environ[name]``; ``environ`` defaults to ``os.environ``."""

    name = "env"

    def __init__(self, environ: Mapping[str, str] | None = None) -> None:
        self._environ = os.environ if environ is None else environ

    def fetch(self, name: str) -> tuple[str | bytes, str | None]:
        value = self._environ.get(name)
        if value is None:
            raise SecretUnavailable(name, "not set")
        return value, None
