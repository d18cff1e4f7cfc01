"""Secrets: cache, expiry, invalidation on rotation, redaction; SSM/Secrets Manager via moto."""

from __future__ import annotations

import json
import pickle
from collections.abc import Iterator
from typing import Any

import pytest

from faasguard.guard import (
    EnvProvider,
    GuardConfigError,
    Secrets,
    SecretsManagerProvider,
    SecretUnavailable,
    SecretValue,
    SsmProvider,
    VaultProvider,
)
from faasguard.guard.logging import SecurityLogger

from .conftest import FakeClock, LogSink


class CountingProvider:
    name = "counting"

    def __init__(self, values: list[str]) -> None:
        self.values = values
        self.calls = 0
        self.fail = False

    def fetch(self, name: str) -> tuple[str | bytes, str | None]:
        self.calls += 1
        if self.fail:
            raise ConnectionError("provider down")
        value = self.values[min(self.calls - 1, len(self.values) - 1)]
        return value, f"v{self.calls}"


def test_secret_value_never_prints() -> None:
    secret = SecretValue("db", "hunter2", "v1")
    assert "hunter2" not in repr(secret)
    assert "hunter2" not in str(secret)
    assert "hunter2" not in f"{secret}"
    assert secret.reveal() == "hunter2"
    assert secret == SecretValue("other", "hunter2")
    assert secret != SecretValue("db", "other")
    with pytest.raises(TypeError):
        hash(secret)
    with pytest.raises(TypeError):
        pickle.dumps(secret)
    assert SecretValue("j", '{"user": "u"}').json() == {"user": "u"}
    assert SecretValue("b", b"\xc3\xa9").text() == "\u00e9"


def test_cache_and_ttl(clock: FakeClock) -> None:
    provider = CountingProvider(["one", "two"])
    secrets = Secrets(provider, ttl=60, clock=clock)
    assert secrets.get("s").reveal() == "one"
    clock.advance(59)
    assert secrets.get("s").reveal() == "one"
    assert provider.calls == 1
    clock.advance(1)
    assert secrets.get("s").reveal() == "two"
    assert provider.calls == 2


def test_invalidate_refetches(clock: FakeClock, sink: LogSink) -> None:
    provider = CountingProvider(["old", "new"])
    logger = SecurityLogger(sink, environ={})
    secrets = Secrets(provider, clock=clock, logger=logger)
    secrets.get("s")
    secrets.invalidate("s")
    assert secrets.get("s").reveal() == "new"
    assert sink.rules() == ["secrets.invalidated"]
    assert "new" not in "".join(sink.lines) and "old" not in "".join(sink.lines)
    secrets.invalidate()
    assert secrets.get("s").version == "v3"


def test_call_with_retries_after_rotation(clock: FakeClock) -> None:
    provider = CountingProvider(["old", "new"])
    secrets = Secrets(provider, clock=clock)
    used: list[str | bytes] = []

    def connect(secret: SecretValue) -> str:
        used.append(secret.reveal())
        if secret.reveal() == "old":
            raise PermissionError("auth failed")
        return "connected"

    assert secrets.call_with("db", connect) == "connected"
    assert used == ["old", "new"]


def test_call_with_does_not_loop_when_secret_unchanged(clock: FakeClock) -> None:
    provider = CountingProvider(["same"])
    secrets = Secrets(provider, clock=clock)

    def connect(secret: SecretValue) -> str:
        raise PermissionError("still failing")

    with pytest.raises(PermissionError):
        secrets.call_with("db", connect)
    assert provider.calls == 2


def test_provider_failure_fails_closed_or_serves_stale(clock: FakeClock) -> None:
    provider = CountingProvider(["v"])
    strict = Secrets(provider, ttl=10, clock=clock)
    strict.get("s")
    provider.fail = True
    clock.advance(11)
    with pytest.raises(SecretUnavailable) as info:
        strict.get("s")
    assert "v" not in str(info.value).replace("unavailable", "")
    provider.fail = False
    lenient = Secrets(provider, ttl=10, stale_if_error=30, clock=clock)
    lenient.get("s")
    provider.fail = True
    clock.advance(20)
    assert lenient.get("s").reveal() == "v"
    clock.advance(30)
    with pytest.raises(SecretUnavailable):
        lenient.get("s")


def test_env_provider() -> None:
    secrets = Secrets(EnvProvider({"DB_PASSWORD": "pw"}))
    assert secrets.get("DB_PASSWORD").reveal() == "pw"
    with pytest.raises(SecretUnavailable):
        secrets.get("MISSING")


@pytest.fixture
def aws(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    moto = pytest.importorskip("moto")
    for key, value in {
        "AWS_ACCESS_KEY_ID": "testing",
        "AWS_SECRET_ACCESS_KEY": "testing",
        "AWS_DEFAULT_REGION": "us-east-1",
    }.items():
        monkeypatch.setenv(key, value)
    with moto.mock_aws():
        yield


def test_ssm_provider(aws: None, clock: FakeClock) -> None:
    import boto3

    client = boto3.client("ssm", region_name="us-east-1")
    client.put_parameter(Name="/app/db", Value="p1", Type="SecureString")
    secrets = Secrets(SsmProvider(client), clock=clock)
    first = secrets.get("/app/db")
    assert (first.reveal(), first.version) == ("p1", "1")
    client.put_parameter(Name="/app/db", Value="p2", Type="SecureString", Overwrite=True)
    assert secrets.get("/app/db").reveal() == "p1"  # cached
    secrets.invalidate("/app/db")
    assert (secrets.get("/app/db").reveal(), secrets.get("/app/db").version) == ("p2", "2")
    with pytest.raises(SecretUnavailable) as info:
        secrets.get("/app/missing")
    assert info.value.reason == "ParameterNotFound"


def test_ssm_provider_makes_client_lazily(aws: None) -> None:
    import boto3

    made: list[Any] = []

    def factory() -> Any:
        made.append(1)
        return boto3.client("ssm", region_name="us-east-1")

    provider = SsmProvider(client_factory=factory)
    assert made == []
    factory().put_parameter(Name="p", Value="v", Type="String")
    made.clear()
    assert provider.fetch("p")[0] == "v"
    provider.fetch("p")
    assert made == [1]


def test_secrets_manager_rotation(aws: None, clock: FakeClock) -> None:
    import boto3

    client = boto3.client("secretsmanager", region_name="us-east-1")
    client.create_secret(Name="db", SecretString=json.dumps({"password": "a"}))
    secrets = Secrets(SecretsManagerProvider(client), clock=clock)
    assert secrets.get_json("db") == {"password": "a"}
    client.put_secret_value(SecretId="db", SecretString=json.dumps({"password": "b"}))

    def login(secret: SecretValue) -> str:
        if secret.json()["password"] != "b":
            raise PermissionError("rotated")
        return "ok"

    assert secrets.call_with("db", login) == "ok"
    client.create_secret(Name="bin", SecretBinary=b"\x00\x01")
    assert secrets.get("bin").reveal() == b"\x00\x01"
    with pytest.raises(SecretUnavailable) as info:
        secrets.get("nope")
    assert info.value.reason == "ResourceNotFoundException"


class FakeKv:
    def __init__(self, store: dict[str, dict[str, Any]]) -> None:
        self.store = store
        self.v2 = self
        self.v1 = self
        self.version = 1

    def read_secret_version(
        self, path: str, mount_point: str = "secret", raise_on_deleted_version: Any = None
    ) -> dict[str, Any]:
        assert raise_on_deleted_version is True
        if path not in self.store:
            raise KeyError(path)
        return {"data": {"data": self.store[path], "metadata": {"version": self.version}}}

    def read_secret(self, path: str, mount_point: str = "secret") -> dict[str, Any]:
        return {"data": self.store[path]}


class FakeHvac:
    def __init__(self, store: dict[str, dict[str, Any]]) -> None:
        self.secrets = type("S", (), {})()
        self.secrets.kv = FakeKv(store)


def test_vault_provider_kv2_and_kv1(clock: FakeClock) -> None:
    client = FakeHvac({"app/db": {"password": "pw", "port": 5432}})
    secrets = Secrets(VaultProvider(client), clock=clock)
    value = secrets.get("app/db#password")
    assert (value.reveal(), value.version) == ("pw", "1")
    assert secrets.get("app/db#port").reveal() == "5432"
    assert secrets.get_json("app/db") == {"password": "pw", "port": 5432}
    with pytest.raises(SecretUnavailable):
        secrets.get("app/db#nokey")
    with pytest.raises(SecretUnavailable):
        secrets.get("app/none#x")
    kv1 = VaultProvider(client, kv_version=1)
    assert kv1.fetch("app/db#password") == ("pw", None)
    with pytest.raises(GuardConfigError):
        VaultProvider(client, kv_version=3)


def test_vault_client_made_lazily_from_environ() -> None:
    pytest.importorskip("hvac")
    provider = VaultProvider(environ={"VAULT_ADDR": "http://127.0.0.1:1", "VAULT_TOKEN": "t"})
    client = provider._get_client()
    assert client.url == "http://127.0.0.1:1"
    assert client.token == "t"
    with pytest.raises(SecretUnavailable):  # nothing listens there: unavailable, not a crash
        provider.fetch("app/db#password")
