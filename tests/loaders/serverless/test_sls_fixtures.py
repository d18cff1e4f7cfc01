"""Whole services: a v4 service split over files, a JSON service, and the shop example."""

from __future__ import annotations

from pathlib import Path

import pytest

from faasguard.model import AuthKind, Ref, TriggerKind, Unresolved
from tests.loaders.serverless.helpers import Loaded, load, position, texts, where

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "loaders" / "serverless"
SHOP = Path(__file__).resolve().parents[3] / "examples" / "shop-serverless"


def load_fixture(root: Path, name: str, options: dict[str, str] | None = None) -> Loaded:
    text = (root / name).read_text(encoding="utf-8")
    return load(text, root, path=name, json_mode=name.endswith(".json"), options=options)


def test_split_service_values_and_locations() -> None:
    root = FIXTURES / "split"
    loaded = load_fixture(root, "serverless.yml")
    fn = loaded.app.functions["invoice"]
    env = {name: var.value for name, var in fn.environment.items()}
    assert env["TABLE_NAME"].value == "billing-prod"
    assert env["API_KEY_SECRET"].value == "prod-key-from-params"
    password = env["DB_PASSWORD"]
    assert password.value == "prod-db-password"
    prod = (root / "config" / "prod.yml").read_text()
    assert (password.loc.path, *where(password)) == ("config/prod.yml", *position(prod, "prod-db"))
    assert env["LIMITS"].value == 25 and env["LIMITS"].loc.path == "config/limits.json"
    # A JavaScript file has a value the scan cannot know: the fallback is not taken.
    assert isinstance(env["COMPUTED"].value, Unresolved)
    assert "JavaScript" in env["COMPUTED"].value.reason
    assert not (root / "config" / "RAN").exists()


def test_split_service_functions_roles_and_resources() -> None:
    loaded = load_fixture(FIXTURES / "split", "serverless.yml")
    app = loaded.app
    fn = app.functions["invoice"]
    assert fn.loc.path == "functions.yml"
    assert [t.kind for t in fn.triggers] == [TriggerKind.HTTP_API, TriggerKind.SQS]
    assert fn.triggers[1].source.value == Ref("InvoiceQueue", "Arn")
    role = app.roles["IamRoleLambdaExecution"]
    provided = [s for s in role.statements if s.origin.startswith("serverless provider")]
    assert texts(provided[0].actions) == ["dynamodb:PutItem"]
    assert provided[0].loc.path == "config/statements.yml"
    table = app.resources["Invoices"]
    assert table.loc.path == "resources.yml"
    assert table.name is not None and table.name.value == "billing-prod"
    assert set(app.files) >= {
        "serverless.yml",
        "config/prod.yml",
        "config/limits.json",
        "config/statements.yml",
        "functions.yml",
        "resources.yml",
    }
    assert "config/computed.js" not in app.files
    assert loaded.problems == []


def test_stage_option_changes_the_files_read() -> None:
    loaded = load_fixture(FIXTURES / "split", "serverless.yml", options={"stage": "dev"})
    messages = loaded.messages()
    assert any("config/dev.yml does not exist" in m for m in messages)
    env = loaded.app.functions["invoice"].environment
    assert env["TABLE_NAME"].value.value == "billing-dev"
    assert isinstance(env["API_KEY_SECRET"].value.value, Unresolved)


def test_json_service() -> None:
    loaded = load_fixture(FIXTURES / "json", "serverless.json")
    app = loaded.app
    fn = app.functions["hello"]
    assert fn.environment["SECRET"].value.value == "json-secret"
    assert fn.runtime is not None and fn.runtime.value == "nodejs20.x"
    kinds = {t.kind: t.auth.kind if t.auth else None for t in fn.triggers}
    assert kinds == {TriggerKind.FUNCTION_URL: AuthKind.IAM, TriggerKind.REST_API: AuthKind.IAM}
    assert loaded.problems == []


@pytest.mark.skipif(not (SHOP / "serverless.yml").exists(), reason="shop example not present")
def test_shop_example() -> None:
    loaded = load_fixture(SHOP, "serverless.yml")
    app = loaded.app
    assert loaded.problems == []
    assert {"orders", "payments", "reports"} <= set(app.functions)
    open_routes = [
        t for t in app.triggers if t.auth is not None and t.auth.kind is AuthKind.NONE and t.public
    ]
    assert {t.kind for t in open_routes} >= {TriggerKind.HTTP_API, TriggerKind.FUNCTION_URL}
    secrets = [
        env.value.value
        for fn in app.functions.values()
        for env in fn.environment.values()
        if isinstance(env.value.value, str) and env.value.value.startswith("sk_live_")
    ]
    assert secrets
    statements = app.roles["IamRoleLambdaExecution"].statements
    assert any("dynamodb:*" in texts(s.actions) for s in statements)
