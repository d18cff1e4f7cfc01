"""The annotated example project under tests/fixtures/loaders/terraform/app, end to end."""

from __future__ import annotations

import pytest

from faasguard.core.location import Location
from faasguard.loaders.base import LoadContext
from faasguard.model import App, AuthKind, Ref, ResourceKind, TriggerKind, Unresolved

from .helpers import FIXTURES, load_dir


@pytest.fixture(scope="module")
def loaded() -> tuple[App, LoadContext]:
    return load_dir(FIXTURES / "app")


@pytest.fixture(scope="module")
def app(loaded: tuple[App, LoadContext]) -> App:
    return loaded[0]


def test_loads_cleanly_with_the_module_files(loaded: tuple[App, LoadContext]) -> None:
    app, ctx = loaded
    assert ctx.problems == []
    assert app.files == ["api.tf", "main.tf", "variables.tf", "modules/worker/main.tf"]
    assert app.path == ""


def test_function_values_and_locations(app: App) -> None:
    fn = app.functions["aws_lambda_function.api"]
    assert fn.name == "shop-prod-api"  # var.stage from terraform.tfvars, local.prefix
    assert fn.runtime is not None and fn.runtime.value == "python3.12"
    assert fn.runtime.loc == Location("main.tf", 20, 22, 20, 34)
    assert fn.code_dir == "src/api"  # from data.archive_file.api.source_dir
    assert fn.timeout is not None and fn.timeout.value == 30
    assert fn.timeout.loc.path == "terraform.tfvars"
    assert fn.memory is not None and fn.memory.value == 256
    assert fn.env_kms_key is not None and fn.env_kms_key.value == Ref("aws_kms_key.main", "arn")
    assert fn.tracing is not None and fn.tracing.value == "Active"
    assert fn.vpc is not None and [s.value for s in fn.vpc.subnets] == ["subnet-1", "subnet-2"]
    assert [g.value for g in fn.vpc.security_groups] == [Ref("aws_security_group.lambda", "id")]
    assert fn.role == "aws_iam_role.api"
    assert fn.log_group == "aws_cloudwatch_log_group.api"


def test_environment_variables(app: App) -> None:
    environment = app.functions["aws_lambda_function.api"].environment
    assert list(environment) == ["TABLE_NAME", "STAGE", "DB_PASSWORD"]
    password = environment["DB_PASSWORD"]
    assert password.value.value == "hunter2"
    assert password.name_loc == Location("main.tf", 33, 7, 33, 18)
    assert password.value.loc == Location("main.tf", 33, 21, 33, 30)
    assert environment["TABLE_NAME"].value.value == Ref("aws_dynamodb_table.orders", "name")


def test_role_policies_from_every_source(app: App) -> None:
    role = app.roles["aws_iam_role.api"]
    assert role.functions == ["aws_lambda_function.api"]
    trust = role.trust[0]
    assert trust.principals is not None
    assert trust.principals[0].kind == "Service"
    assert trust.principals[0].value.value == "lambda.amazonaws.com"
    origins = [s.origin for s in role.statements]
    assert origins == [
        "inline policy orders",
        "inline policy logs",
        "managed policy aws_iam_policy.reports",
    ]
    inline, logs, reports = role.statements
    assert [a.value for a in inline.actions] == ["dynamodb:GetItem", "dynamodb:PutItem"]
    assert inline.resources[0].value == Ref("aws_dynamodb_table.orders", "arn")
    assert logs.actions[0].value == "logs:*"
    assert logs.actions[0].loc == Location("main.tf", 84, 21, 84, 29)  # inside the heredoc
    assert reports.loc.path == "policies/reports.json"
    assert [p.value for p in role.managed_policies] == [
        "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole"
    ]


def test_rest_routes_with_paths_auth_and_functions(app: App) -> None:
    routes = {(t.method, t.path): t for t in app.triggers if t.kind is TriggerKind.REST_API}
    open_route = routes[("GET", "/orders")]
    assert open_route.function == "aws_lambda_function.api"
    assert open_route.public is True
    assert open_route.auth is not None and open_route.auth.kind is AuthKind.NONE
    assert open_route.auth.loc == Location("api.tf", 24, 3, 24, 25)
    protected = routes[("GET", "/orders/{id}")]
    assert protected.auth is not None and protected.auth.kind is AuthKind.COGNITO
    assert protected.auth.authorizer == "aws_api_gateway_authorizer.cognito"
    assert protected.function == "aws_lambda_function.api"


def test_rest_stage_settings(app: App) -> None:
    api = app.apis["aws_api_gateway_rest_api.shop"]
    assert api.endpoint_type is not None and api.endpoint_type.value == "REGIONAL"
    (stage,) = api.stages
    assert stage.name == "prod"
    assert stage.access_log is not None
    assert stage.access_log.value == Ref("aws_cloudwatch_log_group.api", "arn")
    assert stage.execution_logging is not None and stage.execution_logging.value == "INFO"
    assert stage.throttle is not None and stage.throttle.burst is not None
    assert stage.throttle.burst.value == 50
    assert stage.waf == ["aws_wafv2_web_acl_association.api"]


def test_http_api_routes(app: App) -> None:
    routes = {t.path: t for t in app.triggers if t.kind is TriggerKind.HTTP_API}
    admin = routes["/admin"]
    assert admin.auth is not None and admin.auth.kind is AuthKind.NONE
    assert admin.auth.loc == Location("api.tf", 115, 1, 119, 2)  # the route: add it there
    me = routes["/me"]
    assert me.auth is not None and me.auth.kind is AuthKind.JWT
    assert me.function == "aws_lambda_function.api"


def test_function_url(app: App) -> None:
    fn = app.functions["aws_lambda_function.api"]
    assert fn.url is not None and fn.url.auth_type is not None
    assert fn.url.auth_type.value == "NONE"
    assert fn.url.auth_type.loc == Location("main.tf", 134, 24, 134, 30)
    assert fn.url.cors is not None and fn.url.cors.allow_origins[0].value == "*"
    (url_trigger,) = [t for t in fn.triggers if t.kind is TriggerKind.FUNCTION_URL]
    assert url_trigger.public is True


def test_module_function_and_queue_trigger(app: App) -> None:
    worker = app.functions["module.worker.aws_lambda_function.worker"]
    assert worker.name == "shop-prod-worker"
    assert worker.code_dir == "modules/worker/src"
    assert worker.role == "module.worker.aws_iam_role.worker"
    (trigger,) = worker.triggers
    assert trigger.kind is TriggerKind.SQS and trigger.public is False
    assert trigger.source is not None and trigger.source.value == Ref("aws_sqs_queue.jobs", "arn")


def test_storage_resources(app: App) -> None:
    bucket = app.resources["aws_s3_bucket.uploads"]
    assert bucket.kind is ResourceKind.BUCKET
    assert bucket.public_access_block is not None
    assert {k: v.value for k, v in bucket.public_access_block.items()} == {
        "BlockPublicAcls": True,
        "BlockPublicPolicy": False,
        "IgnorePublicAcls": True,
        "RestrictPublicBuckets": True,
    }
    assert bucket.encryption is not None and bucket.encryption.value == "aws:kms"
    assert bucket.versioning is not None and bucket.versioning.value == "Enabled"
    (statement,) = bucket.policy
    assert statement.principals is not None and statement.principals[0].kind == "*"
    assert statement.resources[0].value == Unresolved(
        "${aws_s3_bucket.uploads.arn}/*", ("aws_s3_bucket.uploads",)
    )
    queue = app.resources["aws_sqs_queue.jobs"]
    assert queue.dead_letter is not None
    assert queue.dead_letter.value == Ref("aws_sqs_queue.dlq", "arn")
    table = app.resources["aws_dynamodb_table.orders"]
    assert table.encrypted is not None and table.encrypted.value is True


def test_cognito_and_others(app: App) -> None:
    pool = app.resources["aws_cognito_user_pool.users"]
    assert pool.extra["schema_attributes"][0]["name"].value == "role"
    assert pool.extra["admin_create_user_only"].value is False
    client = app.resources["aws_cognito_user_pool_client.web"]
    assert [v.value for v in client.extra["write_attributes"]] == ["email", "custom:role"]
    assert app.resources["random_pet.suffix"].kind is ResourceKind.OTHER
    remote = app.resources["module.vpc"]
    assert remote.extra["module_source"].value == "terraform-aws-modules/vpc/aws"


def test_parameters(app: App) -> None:
    assert list(app.parameters) == ["project", "stage", "timeout", "tags", "db_password"]
    password = app.parameters["db_password"]
    assert password.no_echo is not None and password.no_echo.value is True
    assert password.default is None
    assert app.parameters["tags"].default is not None
    assert app.parameters["tags"].default.value == {}
    assert app.parameters["project"].type == "string"
