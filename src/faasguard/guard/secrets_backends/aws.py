"""SSM Parameter Store and Secrets Manager providers (boto3, extra ``aws``).

A boto3 client may be passed in; otherwise one is made on the first fetch, so importing this
module and building a provider cost nothing at cold start until a secret is needed.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from faasguard.guard.errors import GuardConfigError
from faasguard.guard.secrets import SecretUnavailable

__all__ = ["SecretsManagerProvider", "SsmProvider"]

_NOT_FOUND = {"ParameterNotFound", "ResourceNotFoundException", "ParameterVersionNotFound"}


def _boto3_client(service: str, **kwargs: Any) -> Any:
    try:
        import boto3
    except ImportError:
        raise GuardConfigError("AWS secrets need boto3: pip install 'faasguard[aws]'") from None
    return boto3.client(service, **kwargs)


class _LazyClient:
    def __init__(self, service: str, client: Any, factory: Callable[[], Any] | None) -> None:
        self._service = service
        self._client = client
        self._factory = factory
        self._lock = threading.Lock()

    def get(self) -> Any:
        if self._client is None:
            with self._lock:
                if self._client is None:
                    self._client = (
                        self._factory() if self._factory else _boto3_client(self._service)
                    )
        return self._client


def _error_code(exc: Exception) -> str:
    response = getattr(exc, "response", None)
    if isinstance(response, dict):
        code = response.get("Error", {}).get("Code")
        if isinstance(code, str):
            return code
    return type(exc).__name__


class SsmProvider:
    """SSM Parameter Store: ``GetParameter`` with decryption of SecureString parameters."""

    name = "ssm"

    def __init__(
        self,
        client: Any = None,
        *,
        decrypt: bool = True,
        client_factory: Callable[[], Any] | None = None,
    ) -> None:
        self._client = _LazyClient("ssm", client, client_factory)
        self._decrypt = decrypt

    def fetch(self, name: str) -> tuple[str | bytes, str | None]:
        try:
            response = self._client.get().get_parameter(Name=name, WithDecryption=self._decrypt)
        except Exception as exc:
            raise SecretUnavailable(name, _error_code(exc)) from exc
        parameter = response["Parameter"]
        version = parameter.get("Version")
        return str(parameter["Value"]), str(version) if version is not None else None


class SecretsManagerProvider:
    """Secrets Manager: ``GetSecretValue`` for a version stage (``AWSCURRENT`` by default)."""

    name = "secretsmanager"

    def __init__(
        self,
        client: Any = None,
        *,
        version_stage: str = "AWSCURRENT",
        client_factory: Callable[[], Any] | None = None,
    ) -> None:
        self._client = _LazyClient("secretsmanager", client, client_factory)
        self._stage = version_stage

    def fetch(self, name: str) -> tuple[str | bytes, str | None]:
        try:
            response = self._client.get().get_secret_value(SecretId=name, VersionStage=self._stage)
        except Exception as exc:
            raise SecretUnavailable(name, _error_code(exc)) from exc
        version = response.get("VersionId")
        if "SecretString" in response and response["SecretString"] is not None:
            return str(response["SecretString"]), version
        binary = response.get("SecretBinary")
        if isinstance(binary, (bytes, bytearray)):
            return bytes(binary), version
        raise SecretUnavailable(name, "empty secret")
