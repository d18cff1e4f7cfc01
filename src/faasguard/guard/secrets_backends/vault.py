"""HashiCorp Vault KV provider (hvac, extra ``vault``).

Names are ``path`` or ``path#key``: ``myapp/db#password`` reads key ``password`` of the secret
at ``myapp/db``; without ``#key`` the whole secret is returned as JSON text.
"""

from __future__ import annotations

import json
import os
import threading
from collections.abc import Mapping
from typing import Any

from faasguard.guard.errors import GuardConfigError
from faasguard.guard.secrets import SecretUnavailable

__all__ = ["VaultProvider"]


class VaultProvider:
    """Reads KV v2 (default) or v1 secrets through an ``hvac.Client``.

    Pass ``client`` (an authenticated ``hvac.Client``), or ``url`` and ``token``; without them
    ``VAULT_ADDR`` and ``VAULT_TOKEN`` are read from ``environ``. The client is made lazily.
    """

    name = "vault"

    def __init__(
        self,
        client: Any = None,
        *,
        url: str | None = None,
        token: str | None = None,
        mount_point: str = "secret",
        kv_version: int = 2,
        environ: Mapping[str, str] | None = None,
    ) -> None:
        if kv_version not in (1, 2):
            raise GuardConfigError("kv_version must be 1 or 2")
        env = os.environ if environ is None else environ
        self._client = client
        self._url = url or env.get("VAULT_ADDR")
        self._token = token or env.get("VAULT_TOKEN")
        self._mount = mount_point
        self._kv = kv_version
        self._lock = threading.Lock()

    def _get_client(self) -> Any:
        if self._client is None:
            with self._lock:
                if self._client is None:
                    try:
                        import hvac
                    except ImportError:
                        raise GuardConfigError(
                            "Vault secrets need hvac: pip install 'faasguard[vault]'"
                        ) from None
                    self._client = hvac.Client(url=self._url, token=self._token)
        return self._client

    def fetch(self, name: str) -> tuple[str | bytes, str | None]:
        path, _, key = name.partition("#")
        try:
            data, version = self._read(path)
        except SecretUnavailable:
            raise
        except Exception as exc:
            raise SecretUnavailable(name, type(exc).__name__) from exc
        if not key:
            return json.dumps(data, separators=(",", ":"), sort_keys=True), version
        if key not in data:
            raise SecretUnavailable(name, "no such key")
        value = data[key]
        return (value if isinstance(value, str) else json.dumps(value)), version

    def _read(self, path: str) -> tuple[dict[str, Any], str | None]:
        kv = self._get_client().secrets.kv
        if self._kv == 2:
            response = kv.v2.read_secret_version(
                path=path, mount_point=self._mount, raise_on_deleted_version=True
            )
            body = response["data"]
            version = (body.get("metadata") or {}).get("version")
            return dict(body["data"]), str(version) if version is not None else None
        response = kv.v1.read_secret(path=path, mount_point=self._mount)
        return dict(response["data"]), None
