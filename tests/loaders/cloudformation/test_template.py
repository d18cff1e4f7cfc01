"""Whole templates: recognising them, JSON and CDK output, load_resources for other loaders,
and the shop example as an integration check."""

from __future__ import annotations

from pathlib import Path

import pytest

from faasguard.core.location import Location
from faasguard.loaders.base import LoadContext
from faasguard.loaders.cloudformation import CfnResolver, is_template, load_resources
from faasguard.loaders.nodes import MapNode
from faasguard.loaders.yamlread import read_yaml
from faasguard.model import App, AuthKind, Function, Ref, Role, SourceFormat, TriggerKind
from tests.loaders.cloudformation.helpers import load, texts, where

FIXTURES = Path(__file__).parents[2] / "fixtures" / "loaders" / "cfn"
SHOP = Path(__file__).parents[3] / "examples" / "shop"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("AWSTemplateFormatVersion: '2010-09-09'\n", True),
        ("Transform: AWS::Serverless-2016-10-31\nResources: {}\n", True),
        ("Resources:\n  Q: {Type: AWS::SQS::Queue}\n", True),
        ("service: shop\nprovider: {name: aws}\nresources:\n  Resources: {}\n", False),
        ("Resources:\n  Q: {Name: x}\n", False),
        ("- a\n- b\n", False),
        ('{"resource": {"aws_s3_bucket": {"b": {}}}}', False),
    ],
)
def test_is_template(text: str, expected: bool) -> None:
    node = read_yaml(text, "x.yaml")
    assert node is not None
    assert is_template(node) is expected


def test_cdk_output_json(tmp_path: Path) -> None:
    path = "cdk.out/ShopStack.template.json"
    text = (FIXTURES / path).read_text()
    loaded = load(text, FIXTURES, path=path, json_mode=True)
    assert loaded.problems == [], loaded.messages()
    app = loaded.app
    assert app.format is SourceFormat.CLOUDFORMATION and app.files == [path]
    fn = app.functions["OrdersHandler1A2B3C4D"]
    assert fn.name == "OrdersHandler"  # from aws:cdk:path
    assert fn.code_dir == "cdk.out/asset.3f2a"
    assert fn.timeout is not None and fn.timeout.value == 30
    assert where(fn.timeout) == loaded.at("30")
    assert fn.role == "OrdersHandlerServiceRole5B3A7C2D"
    role = app.roles[fn.role]
    [statement] = role.statements
    assert texts(statement.resources) == [Ref("OrdersTable9A8B7C6D", "Arn")]  # NoValue dropped
    [basic] = role.managed_policies
    assert (
        basic.text()
        == "arn:${AWS::Partition}:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole"
    )
    [trigger] = fn.triggers  # the MOCK OPTIONS method is not a route to code
    assert (trigger.kind, trigger.method, trigger.path) == (TriggerKind.REST_API, "POST", "/orders")
    assert trigger.auth is not None and trigger.auth.kind is AuthKind.NONE
    assert [s.name for s in app.apis["ShopApi0A1B2C3D"].stages] == ["prod"]
    assert "CDKMetadata" not in app.resources
    assert app.resources["OrdersTable9A8B7C6D"].extra["cdk_path"] == "OrdersTable"
    bootstrap = app.parameters["BootstrapVersion"]
    assert bootstrap.default is not None


def test_load_resources_with_a_callers_resolver_and_logical_ids(tmp_path: Path) -> None:
    """How serverless.yml uses it: its own function ids, CloudFormation names for them."""
    text = (
        "Resources:\n"
        "  Queue: {Type: AWS::SQS::Queue}\n"
        "  Mapping:\n"
        "    Type: AWS::Lambda::EventSourceMapping\n"
        "    Properties:\n"
        "      FunctionName: !GetAtt OrdersLambdaFunction.Arn\n"
        "      EventSourceArn: !GetAtt Queue.Arn\n"
        "  Extra:\n"
        "    Type: AWS::IAM::Policy\n"
        "    Properties:\n"
        "      Roles: [!Ref IamRoleLambdaExecution]\n"
        "      PolicyDocument: {Statement: [{Effect: Allow, Action: 's3:*', Resource: '*'}]}\n"
    )
    app = App(SourceFormat.SERVERLESS, "serverless.yml")
    at = Location("serverless.yml", 1, 1)
    app.functions["orders"] = Function("orders", "orders", at, "AWS::Lambda::Function")
    app.roles["IamRoleLambdaExecution"] = Role("IamRoleLambdaExecution", at)
    ctx = LoadContext(tmp_path)
    root = read_yaml(text, "serverless.yml")
    assert isinstance(root, MapNode)
    resources = root.map("Resources")
    assert resources is not None
    ids = {"OrdersLambdaFunction", "IamRoleLambdaExecution", *resources}
    resolver = CfnResolver("serverless.yml", ctx, ids)
    load_resources(
        app,
        resources,
        "serverless.yml",
        ctx,
        resolver,
        logical_ids={"OrdersLambdaFunction": "orders"},
    )
    assert ctx.problems == []
    [trigger] = app.functions["orders"].triggers
    assert trigger.kind is TriggerKind.SQS and trigger.name == "Mapping"
    [statement] = app.roles["IamRoleLambdaExecution"].statements
    assert texts(statement.actions) == ["s3:*"]
    assert app.resources["Queue"].type == "AWS::SQS::Queue"
    assert app.files == ["serverless.yml"]


@pytest.mark.skipif(not (SHOP / "template.yaml").exists(), reason="examples/shop not written yet")
def test_shop_example_loads_with_its_deliberate_problems() -> None:
    loaded = load((SHOP / "template.yaml").read_text(), SHOP)
    assert loaded.problems == [], loaded.messages()
    app = loaded.app
    assert {"OrdersFunction", "PaymentsFunction", "AdminFunction"} <= set(app.functions)
    routes = {t.path: t for t in app.triggers if t.kind is TriggerKind.HTTP_API}
    admin = routes["/admin/refunds"]
    assert admin.public is True
    assert admin.auth is not None and admin.auth.kind is AuthKind.NONE
    vulnerable = [
        t.name
        for t in app.triggers
        if t.auth is not None and t.auth.kind in (AuthKind.NONE, AuthKind.API_KEY)
    ]
    events = {t.name for t in app.triggers}
    lines = loaded.text.splitlines()
    marked = [
        lines[number].strip().rstrip(":")
        for number, line in enumerate(lines, start=1)
        if "VULN: missing-auth" in line and number < len(lines)
    ]
    marked_events = [name for name in marked if name in events]
    assert marked_events, "the shop marks unauthenticated routes"
    for name in marked_events:
        assert name in vulnerable, f"{name} should have no real auth"
    secrets = app.functions["PaymentsFunction"].environment
    assert secrets["STRIPE_WEBHOOK_SECRET"].value.value.startswith("whsec_")
    orders = app.functions["OrdersFunction"]
    assert orders.role == "SharedAppRole" and orders.code_dir == "src/orders"
    assert orders.log_group == "OrdersLogGroup"


def test_generated_stage_ids_follow_the_stage_parameter() -> None:
    loaded = load(
        """
        Parameters:
          Stage: {Type: String, Default: live}
        Resources:
          Api:
            Type: AWS::Serverless::Api
            Properties:
              StageName: !Ref Stage
          Acl: {Type: AWS::WAFv2::WebACL}
          Waf:
            Type: AWS::WAFv2::WebACLAssociation
            Properties:
              ResourceArn: !Ref ApiliveStage
              WebACLArn: !GetAtt Acl.Arn
        """
    )
    assert loaded.problems == [], loaded.messages()
    [stage] = loaded.app.apis["Api"].stages
    assert stage.name == "live" and stage.waf == ["Waf"]
