"""The example templates parse, pass their tools, and carry exactly the intended problems."""

from __future__ import annotations

import ast
from pathlib import Path
from typing import Any

import pytest
from sam_checks import CHECKS
from shop_support import EXAMPLES, load_cfn_yaml

SHOP = EXAMPLES / "shop" / "template.yaml"
SECURE = EXAMPLES / "shop-secure" / "template.yaml"
SERVERLESS = EXAMPLES / "shop-serverless" / "serverless.yml"
TERRAFORM = EXAMPLES / "shop-terraform"

PUBLIC = {
    "OrdersFunction",
    "PaymentsFunction",
    "InventoryFunction",
    "AdminFunction",
    "ReportsFunction",
}
ALL_FUNCTIONS = PUBLIC | {"NotificationsFunction", "AdminAuthorizerFunction", "ImagesFunction"}

# What each check must find in examples/shop; examples/shop-secure must give an empty set for all.
EXPECTED_IN_SHOP: dict[str, set[str]] = {
    "routes_without_auth": {
        "OrdersFunction.GetOrder",
        "PaymentsFunction.StripeWebhook",
        "AdminFunction.Refund",
        "AdminFunction.SearchOrders",
    },
    "api_key_only_routes": {"InventoryFunction.PartnerStock", "InventoryFunction.PartnerStockFeed"},
    "unused_authorizers": {"AdminAuthorizer"},
    "function_urls_without_iam": {"ReportsFunction"},
    "wildcard_cors": {"ShopHttpApi", "ReportsFunction"},
    "wildcard_cors_with_credentials": {"ReportsFunction"},
    "open_lambda_permissions": {"RestockInvokePermission", "UploadsInvokePermission"},
    "wildcard_actions": {"PaymentsFunction", "InventoryFunction"},
    "wildcard_resource_writes": {"InventoryFunction", "SharedAppRole", "ImagesFunction"},
    "admin_managed_policies": {"AdminFunction"},
    "shared_roles": {"SharedAppRole"},
    "public_resource_policies": {"MediaBucketPolicy", "OrderQueuePolicy"},
    "buckets_with_public_access_allowed": {"MediaBucket"},
    "buckets_without_tls_only": {"UploadsBucket", "MediaBucket", "ExportsBucket"},
    "plaintext_secrets_in_env": {
        "PaymentsFunction.STRIPE_SECRET_KEY",
        "PaymentsFunction.STRIPE_WEBHOOK_SECRET",
        "ReportsFunction.DB_PASSWORD",
    },
    "secret_parameters_in_clear": {"StripeWebhookSecret"},
    "unencrypted_messaging": {"OrderQueue", "OrderEventsTopic"},
    "tables_without_cmk": {"OrdersTable", "PaymentsTable", "InventoryTable"},
    "queues_without_dlq": {"OrderQueue"},
    "log_groups_without_retention": {"OrdersLogGroup"},
    "functions_without_tracing": ALL_FUNCTIONS,
    "functions_without_code_signing": ALL_FUNCTIONS,
    "public_functions_without_reserved_concurrency": PUBLIC,
    "api_functions_with_long_timeout": {"OrdersFunction"},
    "apis_without_access_logs": {"ShopHttpApi", "PartnerApi"},
    "apis_without_throttling": {"ShopHttpApi", "PartnerApi"},
    "rest_apis_without_waf": {"PartnerApi"},
    "deprecated_runtimes": {"InventoryFunction"},
    "foreign_layers": {"ImagesFunction"},
    "user_pool_clients_with_open_writes": {"UserPoolClient"},
}


@pytest.fixture(scope="module")
def shop() -> dict[str, Any]:
    return dict(load_cfn_yaml(SHOP))


@pytest.fixture(scope="module")
def secure() -> dict[str, Any]:
    return dict(load_cfn_yaml(SECURE))


def test_every_check_has_an_expectation() -> None:
    assert set(EXPECTED_IN_SHOP) == set(CHECKS)


@pytest.mark.parametrize("check", sorted(CHECKS))
def test_shop_has_the_deliberate_problem(shop: dict[str, Any], check: str) -> None:
    assert CHECKS[check](shop) == EXPECTED_IN_SHOP[check]


@pytest.mark.parametrize("check", sorted(CHECKS))
def test_secure_shop_has_it_fixed(secure: dict[str, Any], check: str) -> None:
    assert CHECKS[check](secure) == frozenset()


def test_short_tags_become_intrinsics(shop: dict[str, Any]) -> None:
    orders = shop["Resources"]["OrdersFunction"]["Properties"]
    assert orders["Role"] == {"Fn::GetAtt": ["SharedAppRole", "Arn"]}
    assert orders["Environment"]["Variables"]["ORDERS_TABLE"] == {"Ref": "OrdersTable"}
    log_group = shop["Resources"]["OrdersLogGroup"]["Properties"]
    assert log_group["LogGroupName"] == {"Fn::Sub": "/aws/lambda/${OrdersFunction}"}


@pytest.mark.parametrize("path", [SHOP, SECURE, SERVERLESS], ids=lambda p: p.parent.name)
def test_yaml_is_a_mapping(path: Path) -> None:
    assert isinstance(load_cfn_yaml(path), dict)


def _env_names_read_by(source: Path) -> set[str]:
    """Names read as os.environ["X"] (required) in a handler."""
    names = set()
    for node in ast.walk(ast.parse(source.read_text(encoding="utf-8"))):
        if (
            isinstance(node, ast.Subscript)
            and isinstance(node.value, ast.Attribute)
            and node.value.attr == "environ"
            and isinstance(node.slice, ast.Constant)
        ):
            names.add(str(node.slice.value))
    return names


@pytest.mark.parametrize("path", [SHOP, SECURE], ids=lambda p: p.parent.name)
def test_functions_have_code_and_their_environment(path: Path) -> None:
    template = load_cfn_yaml(path)
    shared = set(template["Globals"]["Function"]["Environment"]["Variables"])
    functions = {
        name: resource["Properties"]
        for name, resource in template["Resources"].items()
        if resource["Type"] == "AWS::Serverless::Function"
    }
    assert set(functions) == ALL_FUNCTIONS
    for name, props in functions.items():
        code = path.parent / props["CodeUri"]
        assert (code / "requirements.txt").is_file(), name
        declared = shared | set(props.get("Environment", {}).get("Variables", {}))
        missing = _env_names_read_by(code / "app.py") - declared
        assert missing == set(), f"{name} reads undeclared environment variables {missing}"


def _translate(path: Path) -> dict[str, Any]:
    pytest.importorskip("samtranslator")
    import boto3
    from samtranslator.parser.parser import Parser  # type: ignore[import-untyped]
    from samtranslator.translator.translator import Translator  # type: ignore[import-untyped]

    template = load_cfn_yaml(path)
    for resource in template["Resources"].values():
        props = resource.get("Properties", {})
        for key in ("CodeUri", "ContentUri"):
            if isinstance(props.get(key), str):
                props[key] = f"s3://example-artifacts/{props[key]}"
    session = boto3.session.Session(region_name="eu-west-1")
    translator = Translator(managed_policy_map={}, sam_parser=Parser(), boto_session=session)
    return dict(translator.translate(sam_template=template, parameter_values={}))


def _route_security(translated: dict[str, Any]) -> dict[str, Any]:
    body = translated["Resources"]["ShopHttpApi"]["Properties"]["Body"]
    return {
        f"{method.upper()} {path}": operation.get("security")
        for path, methods in body["paths"].items()
        for method, operation in methods.items()
    }


def test_sam_translates_shop_with_the_open_routes() -> None:
    translated = _translate(SHOP)
    open_routes = {route for route, security in _route_security(translated).items() if not security}
    expected = {
        "GET /orders/{id}",
        "POST /webhooks/stripe",
        "POST /admin/refunds",
        "GET /admin/orders",
    }
    assert open_routes == expected
    url = translated["Resources"]["ReportsFunctionUrl"]["Properties"]
    assert url["AuthType"] == "NONE"


def test_sam_translates_secure_shop_with_auth_everywhere() -> None:
    translated = _translate(SECURE)
    security = _route_security(translated)
    assert security and all(security.values()), security
    assert security["POST /admin/refunds"] == [{"AdminAuthorizer": []}]
    kinds = {resource["Type"] for resource in translated["Resources"].values()}
    assert {"AWS::Lambda::CodeSigningConfig", "AWS::WAFv2::WebACLAssociation"} <= kinds


@pytest.mark.slow
@pytest.mark.parametrize(
    ("path", "allowed"), [(SHOP, {"E2531"}), (SECURE, set())], ids=["shop", "secure"]
)
def test_cfn_lint(path: Path, allowed: set[str]) -> None:
    """cfn-lint finds nothing but the deliberately deprecated python3.7 runtime (E2531)."""
    api = pytest.importorskip("cfnlint.api")
    matches = api.lint(
        path.read_text(encoding="utf-8"), config=api.ManualArgs(regions=["eu-west-1"])
    )
    assert {match.rule.id for match in matches} == allowed, [str(m) for m in matches]


def test_serverless_service_shape() -> None:
    service = load_cfn_yaml(SERVERLESS)
    assert service["frameworkVersion"] == "3"
    kinds = {
        next(iter(event))
        for function in service["functions"].values()
        for event in function.get("events", [])
    }
    assert {"http", "httpApi", "sqs", "sns", "s3", "schedule"} <= kinds
    assert service["provider"]["iam"]["role"]["statements"]
    assert "url" in service["functions"]["reports"]
    assert "OrderQueuePolicy" in service["resources"]["Resources"]
    for name, function in service["functions"].items():
        module, _, handler = function["handler"].rpartition(".")
        source = SERVERLESS.parent / f"{module}.py"
        declared = set(service["provider"]["environment"]) | set(function.get("environment", {}))
        assert f"def {handler}(" in source.read_text(encoding="utf-8"), name
        assert _env_names_read_by(source) <= declared, name


def _unquote(value: Any) -> Any:
    """python-hcl2 8.x keeps the quotes of labels and string literals; drop them."""
    if isinstance(value, str) and len(value) >= 2 and value[0] == value[-1] == '"':
        return value[1:-1]
    if isinstance(value, dict):
        return {_unquote(key): _unquote(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_unquote(item) for item in value]
    return value


def test_terraform_configuration_shape() -> None:
    hcl2 = pytest.importorskip("hcl2")
    with (TERRAFORM / "main.tf").open(encoding="utf-8") as handle:
        main = _unquote(hcl2.load(handle))
    resources: dict[str, dict[str, Any]] = {}
    for block in main["resource"]:
        for kind, named in block.items():
            resources.setdefault(kind, {}).update(named)
    expected = {
        "aws_lambda_function",
        "aws_apigatewayv2_api",
        "aws_apigatewayv2_route",
        "aws_iam_role",
        "aws_iam_role_policy",
        "aws_s3_bucket",
        "aws_s3_bucket_public_access_block",
        "aws_s3_bucket_policy",
        "aws_sqs_queue",
        "aws_lambda_function_url",
        "aws_lambda_permission",
    }
    assert expected <= set(resources)
    routes = resources["aws_apigatewayv2_route"]
    assert "authorization_type" not in routes["get_order"]
    assert routes["create_order"]["authorization_type"] == "JWT"
    for name in resources["aws_lambda_function"]:
        assert (TERRAFORM / "src" / name / "app.py").is_file(), name
    with (TERRAFORM / "variables.tf").open(encoding="utf-8") as handle:
        variables = _unquote(hcl2.load(handle))
    names = {name for block in variables["variable"] for name in block}
    assert {"db_password", "region", "stage"} <= names
