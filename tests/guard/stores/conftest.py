from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from faasguard.guard.stores import MemoryStore, Store
from tests.guard.stores.servers import start_moto, start_redis

TABLE = "faasguard-test"


@pytest.fixture(scope="session")
def redis_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    yield from start_redis(Path(tmp_path_factory.mktemp("redis")))


@pytest.fixture(scope="session")
def dynamodb_client() -> Iterator[Any]:
    from faasguard.guard.stores.dynamodb_store import create_table

    for client in start_moto():
        create_table(client, TABLE)
        yield client


@pytest.fixture(params=["memory", "redis", "dynamodb"])
def store(request: pytest.FixtureRequest) -> Store:
    """The same contract, once per backend; each test gets a fresh key space."""
    prefix = f"t{uuid.uuid4().hex}:"
    if request.param == "memory":
        return MemoryStore()
    if request.param == "redis":
        from faasguard.guard.stores import RedisStore

        url = request.getfixturevalue("redis_url")
        return RedisStore(url=url, prefix=prefix)
    from faasguard.guard.stores import DynamoDBStore

    client = request.getfixturevalue("dynamodb_client")
    return DynamoDBStore(client, TABLE, prefix=prefix)
