"""Shared stores for rate limits and replay nonces: memory, Redis, DynamoDB.

The Redis and DynamoDB stores import their client libraries, so they are loaded only on first use.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from faasguard.guard.stores.base import Admission, Store, StoreError
from faasguard.guard.stores.memory import MemoryStore

if TYPE_CHECKING:
    from faasguard.guard.stores.dynamodb_store import DynamoDBStore
    from faasguard.guard.stores.redis_store import RedisStore

__all__ = ["Admission", "DynamoDBStore", "MemoryStore", "RedisStore", "Store", "StoreError"]

_LAZY = {
    "RedisStore": "faasguard.guard.stores.redis_store",
    "DynamoDBStore": "faasguard.guard.stores.dynamodb_store",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    import importlib

    return getattr(importlib.import_module(module), name)
