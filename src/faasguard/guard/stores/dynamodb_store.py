"""DynamoDB store: atomic counters (``ADD``), conditional writes, items expired by a TTL attribute.

The table needs one string partition key (``pk`` by default) and, to let DynamoDB delete old items,
TTL enabled on ``expires_at``; :func:`create_table` makes such a table. DynamoDB deletes expired
items lazily (up to days later), so every read here also compares the TTL attribute with ``now``.

A sliding window reads the (closed) previous window and then increments the current one under a
condition, so the check-and-count is atomic; a token bucket uses optimistic concurrency on a
version attribute and, when it loses too many races in a row, denies (it never admits blindly).
Needs the ``aws`` extra (boto3); the client is passed in.
"""

from __future__ import annotations

import math
from decimal import Decimal
from typing import Any

from botocore.exceptions import BotoCoreError, ClientError

from faasguard.guard.stores.base import (
    Admission,
    StoreError,
    bucket_admission,
    bucket_ttl,
    fixed_admission,
    refill_tokens,
    sliding_admission,
    sliding_max_current,
    sliding_weight,
    window_index,
)

__all__ = ["DynamoDBStore", "create_table"]

_CONDITION_FAILED = "ConditionalCheckFailedException"


def _num(value: float) -> dict[str, str]:
    """A DynamoDB number attribute, written without exponent notation."""
    return {"N": format(Decimal(repr(float(value))), "f")}


def _epoch(value: float) -> dict[str, str]:
    return {"N": str(math.ceil(value))}


def create_table(client: Any, table_name: str, *, ttl_attribute: str = "expires_at") -> None:
    """Create an on-demand table suited to :class:`DynamoDBStore` and enable TTL on it."""
    client.create_table(
        TableName=table_name,
        AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"}],
        KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}],
        BillingMode="PAY_PER_REQUEST",
    )
    client.get_waiter("table_exists").wait(TableName=table_name)
    client.update_time_to_live(
        TableName=table_name,
        TimeToLiveSpecification={"Enabled": True, "AttributeName": ttl_attribute},
    )


class _ConditionFailed(Exception):
    def __init__(self, item: dict[str, Any] | None) -> None:
        super().__init__("condition failed")
        self.item = item


class DynamoDBStore:
    """A :class:`~faasguard.guard.stores.base.Store` on one DynamoDB table (boto3 client)."""

    def __init__(
        self,
        client: Any,
        table_name: str,
        *,
        prefix: str = "faasguard:",
        ttl_attribute: str = "expires_at",
        max_attempts: int = 5,
    ) -> None:
        self._client = client
        self._table = table_name
        self._prefix = prefix
        self._ttl = ttl_attribute
        self._max_attempts = max_attempts

    def _call(self, op: str, **kwargs: Any) -> dict[str, Any]:
        try:
            reply: dict[str, Any] = getattr(self._client, op)(TableName=self._table, **kwargs)
        except ClientError as exc:
            error = exc.response.get("Error", {})
            if error.get("Code") == _CONDITION_FAILED:
                raise _ConditionFailed(exc.response.get("Item")) from None
            raise StoreError(f"dynamodb {op} failed: {error.get('Code', 'unknown')}") from exc
        except BotoCoreError as exc:
            raise StoreError(f"dynamodb {op} failed: {type(exc).__name__}") from exc
        return reply

    def _pk(self, key: str, suffix: str) -> dict[str, dict[str, str]]:
        return {"pk": {"S": f"{self._prefix}{key}:{suffix}"}}

    def _get(self, key: dict[str, Any], now: float) -> dict[str, Any] | None:
        """The item, or None when absent or past its TTL."""
        item: dict[str, Any] | None = self._call("get_item", Key=key, ConsistentRead=True).get(
            "Item"
        )
        if item is None or float(item.get(self._ttl, {"N": "inf"})["N"]) <= now:
            return None
        return item

    def fixed_window(self, key: str, now: float, window: float, limit: int) -> Admission:
        idx = window_index(now, window)
        reply = self._call(
            "update_item",
            Key=self._pk(key, f"f{idx}"),
            UpdateExpression="ADD #n :one SET #e = if_not_exists(#e, :exp)",
            ExpressionAttributeNames={"#n": "n", "#e": self._ttl},
            ExpressionAttributeValues={":one": {"N": "1"}, ":exp": _epoch((idx + 1) * window)},
            ReturnValues="UPDATED_NEW",
        )
        return fixed_admission(int(reply["Attributes"]["n"]["N"]), now, window, limit)

    def sliding_window(self, key: str, now: float, window: float, limit: int) -> Admission:
        idx = window_index(now, window)
        prev_item = self._get(self._pk(key, f"s{idx - 1}"), now)
        prev = 0 if prev_item is None else int(prev_item["n"]["N"])
        max_cur = sliding_max_current(prev, sliding_weight(now, window), limit)
        cur_key = self._pk(key, f"s{idx}")
        if max_cur < 0:
            cur_item = self._get(cur_key, now)
            cur = 0 if cur_item is None else int(cur_item["n"]["N"])
            return sliding_admission(prev, cur, False, now, window, limit)
        try:
            reply = self._call(
                "update_item",
                Key=cur_key,
                UpdateExpression="ADD #n :one SET #e = if_not_exists(#e, :exp)",
                ConditionExpression="attribute_not_exists(#n) OR #n <= :max",
                ExpressionAttributeNames={"#n": "n", "#e": self._ttl},
                ExpressionAttributeValues={
                    ":one": {"N": "1"},
                    ":max": {"N": str(max_cur)},
                    ":exp": _epoch((idx + 2) * window),
                },
                ReturnValues="UPDATED_NEW",
                ReturnValuesOnConditionCheckFailure="ALL_OLD",
            )
        except _ConditionFailed as failed:
            cur = max_cur + 1 if failed.item is None else int(failed.item["n"]["N"])
            return sliding_admission(prev, cur, False, now, window, limit)
        cur = int(reply["Attributes"]["n"]["N"])
        return sliding_admission(prev, cur, True, now, window, limit)

    def token_bucket(
        self, key: str, now: float, rate: float, capacity: float, cost: float = 1.0
    ) -> Admission:
        pk = self._pk(key, "b")
        for _ in range(self._max_attempts):
            raw = self._call("get_item", Key=pk, ConsistentRead=True).get("Item")
            live = raw is not None and float(raw[self._ttl]["N"]) > now
            tokens = float(raw["t"]["N"]) if live and raw else None
            stamp = float(raw["ts"]["N"]) if live and raw else None
            admission, left = bucket_admission(
                refill_tokens(tokens, stamp, now, rate, capacity), cost, rate
            )
            if not admission.allowed:
                return admission
            new_stamp = now if stamp is None else max(now, stamp)
            if self._put_bucket(pk, raw, left, new_stamp, new_stamp + bucket_ttl(rate, capacity)):
                return admission
        # Lost every race: deny rather than admit without counting.
        return Admission(False, 0, 1.0 / rate)

    def _put_bucket(
        self, pk: dict[str, Any], raw: dict[str, Any] | None, left: float, stamp: float, exp: float
    ) -> bool:
        version = 0 if raw is None else int(raw.get("v", {"N": "0"})["N"])
        condition: dict[str, Any] = (
            {"ConditionExpression": "attribute_not_exists(pk)"}
            if raw is None
            else {
                "ConditionExpression": "#v = :v",
                "ExpressionAttributeNames": {"#v": "v"},
                "ExpressionAttributeValues": {":v": {"N": str(version)}},
            }
        )
        item = {**pk, "t": _num(left), "ts": _num(stamp), "v": {"N": str(version + 1)}}
        item[self._ttl] = _epoch(exp)
        try:
            self._call("put_item", Item=item, **condition)
        except _ConditionFailed:
            return False
        return True

    def add_nonce(self, key: str, now: float, ttl: float) -> bool:
        try:
            self._call(
                "put_item",
                # ``u`` holds the exact expiry; the TTL attribute (whole seconds) is for clean-up.
                Item={**self._pk(key, "n"), self._ttl: _epoch(now + ttl), "u": _num(now + ttl)},
                ConditionExpression="attribute_not_exists(pk) OR #u <= :now",
                ExpressionAttributeNames={"#u": "u"},
                ExpressionAttributeValues={":now": _num(now)},
            )
        except _ConditionFailed:
            return False
        return True
