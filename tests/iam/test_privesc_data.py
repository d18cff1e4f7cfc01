"""The shipped data: a faithful copy of the shared research data plus our evaluation hints."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from faasguard.iam.actions import catalogue
from faasguard.iam.managed import admin_policies
from faasguard.iam.methods import TargetKind, methods
from tests.iam.build_privesc_data import PRIVESC, RISKY, SHARED, render_privesc, render_risky

DATA = PRIVESC.parent


@pytest.mark.skipif(not SHARED.is_dir(), reason="the shared research data is not here")
def test_shipped_files_equal_the_derivation() -> None:
    assert PRIVESC.read_text("utf-8") == render_privesc()
    assert RISKY.read_text("utf-8") == render_risky()


@pytest.mark.skipif(not SHARED.is_dir(), reason="the shared research data is not here")
def test_methods_are_the_shared_ones_unchanged() -> None:
    shared = json.loads((SHARED / "privesc.json").read_text("utf-8"))["methods"]
    shipped = json.loads(PRIVESC.read_text("utf-8"))["methods"]
    assert [{k: v for k, v in m.items() if k != "evaluate"} for m in shipped] == shared


def test_every_action_of_a_live_service_is_in_the_catalogue() -> None:
    cat = catalogue()
    for method in methods():
        for action in method.actions:
            assert method.retired or cat.lookup(action) is not None, (method.id, action)


def test_every_passrole_method_says_what_the_role_must_trust() -> None:
    for method in methods():
        passes = any(r.target is TargetKind.PASS for r in method.requirements)
        assert passes == bool(method.pass_to), method.id
        assert all(s.endswith(".amazonaws.com") for s in method.pass_to)


def test_managed_policy_documents_parse_and_name_their_source() -> None:
    raw = json.loads((DATA / "iam_admin_policies.json").read_text("utf-8"))
    for name, document in raw["documents"].items():
        assert document["source"].endswith(f"/{name}.html")
        assert admin_policies().documents[name]
    assert "AdministratorAccess" in raw["documents"]


def test_notice_names_every_source_and_licence() -> None:
    notice = (DATA / "NOTICE-privesc.md").read_text("utf-8")
    for needle in (
        "pathfinding.cloud",
        "Apache",
        "cloudsplaining",
        "BSD-3-Clause",
        "policy_sentry",
        "MIT",
        "PMapper",
        "iam-vulnerable",
        "Rhino",
        "pacu",
        "parliament",
    ):
        assert needle in notice, needle


def test_data_files_are_package_data() -> None:
    assert Path(PRIVESC).is_file() and Path(RISKY).is_file()
