"""Backend specifics: outages become StoreError, scripts survive a flush, memory stays bounded."""

from __future__ import annotations

from typing import Any

import pytest

from faasguard.guard.stores import MemoryStore, StoreError
from tests.guard.stores.servers import free_port


def _every_primitive(store: Any) -> list[Any]:
    return [
        lambda: store.fixed_window("k", 1.0, 10.0, 5),
        lambda: store.sliding_window("k", 1.0, 10.0, 5),
        lambda: store.token_bucket("k", 1.0, 1.0, 5.0),
        lambda: store.add_nonce("k", 1.0, 10.0),
    ]


def test_redis_outage_is_a_store_error() -> None:
    pytest.importorskip("redis")
    from faasguard.guard.stores import RedisStore

    store = RedisStore(url=f"redis://127.0.0.1:{free_port()}/0", timeout=0.2)
    for call in _every_primitive(store):
        with pytest.raises(StoreError, match="redis"):
            call()


def test_redis_store_needs_client_or_url() -> None:
    from faasguard.guard.stores import RedisStore

    with pytest.raises(ValueError, match="client or a url"):
        RedisStore()


@pytest.mark.redis
def test_redis_scripts_reload_after_script_flush(redis_url: str) -> None:
    import redis

    from faasguard.guard.stores import RedisStore

    client = redis.Redis.from_url(redis_url)
    store = RedisStore(client, prefix="flush:")
    assert store.fixed_window("k", 5.0, 10.0, 2).remaining == 1
    client.script_flush()
    assert store.fixed_window("k", 5.0, 10.0, 2).remaining == 0


@pytest.mark.redis
def test_redis_keys_share_a_cluster_hash_slot(redis_url: str) -> None:
    import redis

    from faasguard.guard.stores import RedisStore

    client = redis.Redis.from_url(redis_url)
    store = RedisStore(client, prefix="slot:")
    store.sliding_window("caller", 15.0, 10.0, 5)
    store.sliding_window("caller", 25.0, 10.0, 5)
    keys = sorted(k.decode() for k in client.keys("slot:*"))
    assert keys == ["slot:{caller}:s1", "slot:{caller}:s2"]


def test_dynamodb_unreachable_is_a_store_error() -> None:
    boto3 = pytest.importorskip("boto3")
    from botocore.config import Config

    from faasguard.guard.stores import DynamoDBStore

    client = boto3.client(
        "dynamodb",
        endpoint_url=f"http://127.0.0.1:{free_port()}",
        region_name="us-east-1",
        aws_access_key_id="testing",
        aws_secret_access_key="testing",
        config=Config(retries={"max_attempts": 1}, connect_timeout=0.5, read_timeout=0.5),
    )
    store = DynamoDBStore(client, "any")
    for call in _every_primitive(store):
        with pytest.raises(StoreError, match="dynamodb"):
            call()


def test_dynamodb_missing_table_is_a_store_error(dynamodb_client: Any) -> None:
    from faasguard.guard.stores import DynamoDBStore

    store = DynamoDBStore(dynamodb_client, "no-such-table")
    for call in _every_primitive(store):
        with pytest.raises(StoreError, match="ResourceNotFoundException"):
            call()


def test_dynamodb_expired_nonce_item_is_reused(dynamodb_client: Any) -> None:
    from faasguard.guard.stores import DynamoDBStore
    from tests.guard.stores.conftest import TABLE

    store = DynamoDBStore(dynamodb_client, TABLE, prefix="reuse:")
    assert store.add_nonce("n", 10.0, 5.0)
    item = dynamodb_client.get_item(TableName=TABLE, Key={"pk": {"S": "reuse:n:n"}})["Item"]
    # TTL attribute in whole epoch seconds for DynamoDB's clean-up, exact expiry alongside.
    assert item["expires_at"] == {"N": "15"}
    assert item["u"] == {"N": "15.0"}
    assert store.add_nonce("n", 15.0, 5.0)


def test_memory_store_sweeps_expired_then_evicts_oldest() -> None:
    store = MemoryStore(max_keys=2)
    assert store.add_nonce("old", 0.0, 1.0)
    assert store.add_nonce("live", 0.0, 100.0)
    # "old" expired at 1.0: sweeping it makes room, "live" is kept.
    assert store.add_nonce("new", 5.0, 100.0)
    assert not store.add_nonce("live", 5.0, 100.0)
    # Nothing expired now: the oldest key ("live") is evicted for the next one.
    assert store.add_nonce("newer", 6.0, 100.0)
    assert len(store) == 2
    assert store.add_nonce("live", 6.0, 100.0)


def test_memory_store_rejects_zero_capacity() -> None:
    with pytest.raises(ValueError, match="max_keys"):
        MemoryStore(max_keys=0)


@pytest.mark.parametrize("primitive", ["fixed", "sliding", "bucket"])
def test_memory_store_threads_never_exceed_the_limit(primitive: str) -> None:
    import threading

    store = MemoryStore()
    barrier = threading.Barrier(8)
    admitted: list[int] = []

    def hit() -> bool:
        if primitive == "fixed":
            return store.fixed_window("k", 5.0, 60.0, 100).allowed
        if primitive == "sliding":
            return store.sliding_window("k", 5.0, 60.0, 100).allowed
        return store.token_bucket("k", 5.0, 1e-9, 100.0).allowed

    def worker() -> None:
        barrier.wait()
        admitted.append(sum(hit() for _ in range(50)))

    threads = [threading.Thread(target=worker) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sum(admitted) == 100
