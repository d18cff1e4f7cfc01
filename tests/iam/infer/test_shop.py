"""The shop example: each function's inferred policy is exactly what its code needs.

Written by reading ``examples/shop/src/<fn>/app.py`` and ``template.yaml``, call by call:
DynamoDB through ``Table`` objects named by environment variables set to ``!Ref`` of the
tables, the order queue by URL, the topic by ARN, the payments function by name, the S3
trigger's bucket read from the event, the partner client that brings its own credentials.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from faasguard.core.config import Config
from faasguard.iam.infer.infer import ProjectPolicies, infer_policies
from faasguard.iam.infer.load import load_project
from faasguard.iam.render import function_entry

SHOP = Path(__file__).resolve().parents[3] / "examples" / "shop"
P, R, A = "${AWS::Partition}", "${AWS::Region}", "${AWS::AccountId}"


def logs(name: str, create: bool = True) -> tuple[list[str], list[str]]:
    actions = ["logs:CreateLogGroup"] if create else []
    group = f"arn:{P}:logs:{R}:{A}:log-group:/aws/lambda/${{AWS::StackName}}-{name}*:*"
    return [*actions, "logs:CreateLogStream", "logs:PutLogEvents"], [group]


EXPECTED: dict[str, list[tuple[list[str], list[str]]]] = {
    "OrdersFunction": [
        (["dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:Scan"], ["${OrdersTable.Arn}"]),
        (
            ["dynamodb:Query"],
            [f"arn:{P}:dynamodb:{R}:{A}:table/${{OrdersTable}}/index/by-customer"],
        ),
        logs("OrdersFunction", create=False),  # OrdersLogGroup is declared
        (["sqs:SendMessage"], ["${OrderQueue.Arn}"]),
    ],
    "PaymentsFunction": [
        (["dynamodb:PutItem", "dynamodb:UpdateItem"], ["${PaymentsTable.Arn}"]),
        logs("PaymentsFunction"),
    ],
    "InventoryFunction": [
        (
            ["dynamodb:BatchWriteItem", "dynamodb:GetItem", "dynamodb:Scan", "dynamodb:UpdateItem"],
            ["${InventoryTable.Arn}"],
        ),
        logs("InventoryFunction"),
    ],
    "NotificationsFunction": [
        (["dynamodb:GetItem"], ["${OrdersTable.Arn}"]),
        logs("NotificationsFunction"),
        (
            ["ses:SendEmail"],
            [
                f"arn:{P}:ses:{R}:{A}:identity/orders@shop.example.com",
                f"arn:{P}:ses:{R}:{A}:identity/shop.example.com",
            ],
        ),
        (["sns:Publish"], ["${OrderEventsTopic}"]),
        (
            ["sqs:DeleteMessage", "sqs:GetQueueAttributes", "sqs:ReceiveMessage"],
            ["${OrderQueue.Arn}"],
        ),
    ],
    "AdminFunction": [
        (["dynamodb:GetItem", "dynamodb:Scan", "dynamodb:UpdateItem"], ["${OrdersTable.Arn}"]),
        (["lambda:InvokeFunction"], ["${PaymentsFunction.Arn}"]),
        logs("AdminFunction"),
    ],
    "AdminAuthorizerFunction": [logs("AdminAuthorizerFunction")],
    "ReportsFunction": [
        logs("ReportsFunction"),
        (["redshift-data:DescribeStatement", "redshift-data:GetStatementResult"], ["*"]),
        (
            ["redshift-data:ExecuteStatement", "redshift-serverless:GetCredentials"],
            [f"arn:{P}:redshift-serverless:{R}:{A}:workgroup/*"],
        ),
        (["s3:GetObject", "s3:PutObject"], [f"arn:{P}:s3:::${{ExportsBucket}}/exports/*"]),
    ],
    "ImagesFunction": [
        logs("ImagesFunction"),
        (["s3:GetObject"], [f"arn:{P}:s3:::shop-uploads-{A}-{R}/*"]),
        (["s3:PutObject", "s3:PutObjectAcl"], [f"arn:{P}:s3:::${{MediaBucket}}/thumbnails/*"]),
    ],
}


@pytest.fixture(scope="module")
def shop() -> ProjectPolicies:
    return infer_policies(load_project(SHOP, Config()).project)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_shop_function_policy_is_what_its_code_needs(shop: ProjectPolicies, name: str) -> None:
    policy = next(p for p in shop.functions if p.name == name)
    statements = function_entry(policy)["policy"]["Statement"]
    assert [(s["Action"], s["Resource"]) for s in statements] == EXPECTED[name]
    assert all(s["Effect"] == "Allow" for s in statements)


def test_shop_covers_every_function(shop: ProjectPolicies) -> None:
    assert sorted(p.name for p in shop.functions) == sorted(EXPECTED)
    assert all(p.analysed for p in shop.functions)


def test_reasons_point_at_the_calls(shop: ProjectPolicies) -> None:
    orders = next(p for p in shop.functions if p.name == "OrdersFunction")
    reasons = function_entry(orders)["reasons"]
    where = {(r["action"], r["path"], r["line"]) for r in reasons}
    assert ("sqs:SendMessage", "src/orders/app.py", 68) in where
    assert ("dynamodb:Query", "src/orders/app.py", 99) in where
    assert all(r["confidence"] in ("high", "medium", "low") for r in reasons)


def test_what_inference_cannot_see_is_said(shop: ProjectPolicies) -> None:
    reports = next(p for p in shop.functions if p.name == "ReportsFunction")
    unresolved = function_entry(reports)["unresolved"]
    assert {(u["path"], u["line"]) for u in unresolved} == {
        ("src/reports/app.py", 45),  # the partner client has its own access key
        ("src/reports/app.py", 69),  # a workgroup ARN holds its id, not its name
    }
    confidence = {s.actions: s.confidence.value for s in reports.statements}
    assert (
        confidence[("redshift-data:ExecuteStatement", "redshift-serverless:GetCredentials")]
        == "low"
    )
