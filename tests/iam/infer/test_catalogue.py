"""Every action the tool can emit exists in the action catalogue, and the shipped map is
what the build script makes of the shared data."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from faasguard.iam.actions import catalogue
from faasguard.iam.infer import platform
from faasguard.iam.infer.callmap import call_map
from faasguard.tools import build_iam_calls

SHARED = Path(__file__).resolve().parents[4] / "shared" / "data" / "iam"


def _emitted() -> set[str]:
    actions = set(call_map().every_action())
    for name in (
        "LOG_ACTIONS",
        "TRACE_ACTIONS",
        "VPC_ACTIONS",
        "SQS_POLL",
        "DYNAMODB_STREAM",
        "KINESIS_STREAM",
    ):
        actions.update(getattr(platform, name))
    actions.update(a for group in platform._DESTINATIONS.values() for a in group)
    actions.update(("logs:CreateLogGroup", "kms:Decrypt"))
    return actions


def test_every_emittable_action_is_catalogued_with_its_spelling() -> None:
    cat = catalogue()
    wrong = sorted(a for a in _emitted() if (info := cat.lookup(a)) is None or info.action != a)
    assert wrong == []
    assert len(_emitted()) > 15_000  # the whole map, not a sample


def test_known_wrong_map_entries_are_fixed() -> None:
    sqs = call_map().service("sqs")
    assert sqs is not None
    delete_batch = sqs.variants("DeleteMessageBatch") or ()
    assert [v.action for v in delete_batch] == ["sqs:DeleteMessage"]
    visibility = sqs.variants("ChangeMessageVisibilityBatch") or ()
    assert [v.action for v in visibility] == ["sqs:ChangeMessageVisibility"]
    s3 = call_map().service("s3")
    assert s3 is not None
    ownership = s3.variants("DeleteBucketOwnershipControls") or ()
    assert [v.action for v in ownership] == ["s3:PutBucketOwnershipControls"]
    copy = {v.action for v in s3.variants("CopyObject") or ()}
    assert "s3:ListBucket" not in copy  # the 2022 map over-approximates CopyObject


def test_powertools_helpers_name_real_operations() -> None:
    table = call_map().powertools
    ops = [op for ops in table["functions"].values() for op in ops]
    for spec in table["classes"].values():
        ops.extend(spec.get("on_init", []))
        ops.extend(op for found in spec.get("methods", {}).values() for op in found)
    for service, operation, _ in ops:
        found = call_map().service(service)
        assert found is not None and found.variants(operation), (service, operation)


@pytest.mark.skipif(not (SHARED / "sar_actions_compact.json").is_file(), reason="no shared data")
def test_every_emittable_action_is_in_the_shared_reference() -> None:
    sar = json.loads((SHARED / "sar_actions_compact.json").read_text("utf-8"))["services"]
    missing = sorted(
        a
        for a in _emitted()
        if a.split(":", 1)[1] not in sar.get(a.split(":")[0], {}).get("actions", {})
    )
    assert missing == []


@pytest.mark.skipif(
    not (SHARED / "iam-dataset_map_2022-08-19.json").is_file(), reason="no shared data"
)
def test_shipped_map_is_what_the_build_makes() -> None:
    shipped = build_iam_calls.TARGET / build_iam_calls.OUTPUT
    recorded = json.loads(gzip.decompress(shipped.read_bytes()))["source"]["botocore"]
    from faasguard.tools.iam_calls_models import botocore_version

    if recorded != botocore_version():
        pytest.skip(f"built from {recorded}, installed {botocore_version()}")
    assert build_iam_calls.main(["--source", str(SHARED), "--check"]) == 0
