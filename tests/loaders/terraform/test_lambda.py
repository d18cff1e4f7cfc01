"""Lambda resources and the triggers other services declare."""

from __future__ import annotations

from pathlib import Path

from faasguard.core.location import Location
from faasguard.model import AuthKind, Ref, ResourceKind, TriggerKind, Unresolved

from .helpers import load, messages

FUNCTION = """
resource "aws_lambda_function" "f" {
  function_name = "fn"
  runtime       = "python3.12"
  handler       = "main.handler"
  role          = "arn:aws:iam::123:role/exec"
  filename      = "lambda/main.py"
  reserved_concurrent_executions = 5
  layers        = [aws_lambda_layer_version.deps.arn, "arn:aws:lambda:eu-west-1:1:layer:x:1"]
  code_signing_config_arn = "arn:csc"
  dead_letter_config {
    target_arn = aws_sqs_queue.dlq.arn
  }
}
resource "aws_sqs_queue" "dlq" {}
resource "aws_lambda_layer_version" "deps" {
  layer_name = "deps"
}
resource "aws_iam_role" "exec" {
  name = "exec"
  assume_role_policy = "{}"
}
"""


def test_function_settings(tmp_path: Path) -> None:
    app, ctx = load(tmp_path, {"main.tf": FUNCTION})
    assert messages(ctx) == []
    fn = app.functions["aws_lambda_function.f"]
    assert fn.resource_type == "aws_lambda_function"
    assert fn.loc == Location("main.tf", 2, 1, 14, 2)
    assert fn.code_dir == "lambda"  # a source file: its directory
    assert fn.code_uri is not None and fn.code_uri.value == "lambda/main.py"
    assert fn.reserved_concurrency is not None and fn.reserved_concurrency.value == 5
    assert [layer.value for layer in fn.layers] == [
        Ref("aws_lambda_layer_version.deps", "arn"),
        "arn:aws:lambda:eu-west-1:1:layer:x:1",
    ]
    assert fn.dead_letter is not None and fn.dead_letter.value == Ref("aws_sqs_queue.dlq", "arn")
    assert fn.code_signing is not None and fn.code_signing.value == "arn:csc"
    assert fn.role == "aws_iam_role.exec"  # by the role name in the ARN
    assert app.resources["aws_lambda_layer_version.deps"].kind is ResourceKind.LAYER


def test_image_function_and_s3_code(tmp_path: Path) -> None:
    text = """
resource "aws_lambda_function" "img" {
  function_name = "img"
  package_type  = "Image"
  image_uri     = "123.dkr.ecr/x:1"
}
resource "aws_lambda_function" "s3" {
  function_name = "s3"
  s3_bucket     = "artifacts"
  s3_key        = "fn.zip"
}
"""
    app, _ = load(tmp_path, {"main.tf": text})
    image = app.functions["aws_lambda_function.img"]
    assert image.image and image.runtime is None and image.code_dir is None
    s3 = app.functions["aws_lambda_function.s3"]
    assert s3.code_uri is not None and s3.code_uri.value == "s3://artifacts/fn.zip"
    assert s3.code_dir is None


def test_code_dir_from_archive_matched_by_output_path(tmp_path: Path) -> None:
    text = """
data "archive_file" "zip" {
  type        = "zip"
  source_file = "${path.module}/handlers/app.py"
  output_path = "build/app.zip"
}
resource "aws_lambda_function" "f" {
  function_name = "f"
  filename      = "build/app.zip"
}
resource "aws_lambda_function" "zip_only" {
  function_name = "z"
  filename      = "other.zip"
}
"""
    app, _ = load(tmp_path, {"main.tf": text})
    assert app.functions["aws_lambda_function.f"].code_dir == "handlers"
    assert app.functions["aws_lambda_function.zip_only"].code_dir is None


def test_code_dir_outside_the_root_is_refused(tmp_path: Path) -> None:
    text = 'resource "aws_lambda_function" "f" {\n  filename = "../../elsewhere/src"\n}\n'
    app, ctx = load(tmp_path / "root", {"main.tf": text})
    assert app.functions["aws_lambda_function.f"].code_dir is None
    assert any("outside the scanned root" in m for m in messages(ctx))


def test_function_url_permission_and_alias(tmp_path: Path) -> None:
    text = (
        FUNCTION
        + """
resource "aws_lambda_alias" "live" {
  name             = "live"
  function_name    = aws_lambda_function.f.function_name
  function_version = "1"
}
resource "aws_lambda_function_url" "u" {
  function_name      = aws_lambda_alias.live.function_name
  authorization_type = "AWS_IAM"
  invoke_mode        = "RESPONSE_STREAM"
}
resource "aws_lambda_permission" "public" {
  statement_id  = "AllowAll"
  action        = "lambda:InvokeFunction"
  function_name = aws_lambda_function.f.function_name
  principal     = "*"
  function_url_auth_type = "NONE"
}
"""
    )
    app, _ = load(tmp_path, {"main.tf": text})
    fn = app.functions["aws_lambda_function.f"]
    assert fn.url is not None and fn.url.auth_type is not None
    assert fn.url.auth_type.value == "AWS_IAM"
    assert fn.url.invoke_mode is not None and fn.url.invoke_mode.value == "RESPONSE_STREAM"
    (trigger,) = fn.triggers
    assert trigger.auth is not None and trigger.auth.kind is AuthKind.IAM
    (permission,) = app.permissions
    assert permission.principal.value == "*"
    assert permission.function.value == Ref("aws_lambda_function.f", "function_name")
    assert permission.function_url_auth_type is not None
    assert permission.function_url_auth_type.value == "NONE"
    assert permission.source_arn is None
    assert permission.id == "aws_lambda_permission.public"
    assert (
        permission.loc.start_line
        == text.splitlines().index('resource "aws_lambda_permission" "public" {') + 1
    )


def test_function_url_with_unknown_auth(tmp_path: Path) -> None:
    text = (
        FUNCTION
        + """
variable "auth" {}
resource "aws_lambda_function_url" "u" {
  function_name      = "fn"
  authorization_type = var.auth
}
"""
    )
    app, _ = load(tmp_path, {"main.tf": text})
    fn = app.functions["aws_lambda_function.f"]  # found by its function_name
    assert fn.url is not None and fn.url.auth_type is not None
    assert isinstance(fn.url.auth_type.value, Unresolved)
    assert fn.triggers[0].auth is not None and fn.triggers[0].auth.kind is AuthKind.UNKNOWN


def test_event_source_mappings_by_kind(tmp_path: Path) -> None:
    text = (
        FUNCTION
        + """
resource "aws_kinesis_stream" "s" {
  name = "s"
}
resource "aws_dynamodb_table" "t" {
  name = "t"
}
resource "aws_lambda_event_source_mapping" "queue" {
  event_source_arn = aws_sqs_queue.dlq.arn
  function_name    = aws_lambda_function.f.arn
}
resource "aws_lambda_event_source_mapping" "stream" {
  event_source_arn = aws_kinesis_stream.s.arn
  function_name    = "fn"
}
resource "aws_lambda_event_source_mapping" "table" {
  event_source_arn = aws_dynamodb_table.t.stream_arn
  function_name    = aws_lambda_function.f.function_name
}
resource "aws_lambda_event_source_mapping" "literal" {
  event_source_arn = "arn:aws:sqs:eu-west-1:1:q"
  function_name    = "arn:aws:lambda:eu-west-1:1:function:fn:live"
}
"""
    )
    app, _ = load(tmp_path, {"main.tf": text})
    kinds = [(t.name, t.kind, t.function, t.public) for t in app.triggers]
    fn = "aws_lambda_function.f"
    assert kinds == [
        ("aws_lambda_event_source_mapping.queue", TriggerKind.SQS, fn, False),
        ("aws_lambda_event_source_mapping.stream", TriggerKind.KINESIS, fn, False),
        ("aws_lambda_event_source_mapping.table", TriggerKind.DYNAMODB_STREAM, fn, False),
        ("aws_lambda_event_source_mapping.literal", TriggerKind.SQS, fn, False),
    ]
    assert all(t.auth is None for t in app.triggers)


def test_async_invoke_config(tmp_path: Path) -> None:
    text = (
        FUNCTION
        + """
resource "aws_lambda_function_event_invoke_config" "c" {
  function_name          = aws_lambda_function.f.function_name
  maximum_retry_attempts = 0
  destination_config {
    on_failure {
      destination = aws_sqs_queue.dlq.arn
    }
  }
}
"""
    )
    app, _ = load(tmp_path, {"main.tf": text})
    fn = app.functions["aws_lambda_function.f"]
    assert fn.max_retry_attempts is not None and fn.max_retry_attempts.value == 0
    assert fn.on_failure is not None and fn.on_failure.value == Ref("aws_sqs_queue.dlq", "arn")


def test_layer_permission_becomes_a_policy_statement(tmp_path: Path) -> None:
    text = (
        FUNCTION
        + """
resource "aws_lambda_layer_version_permission" "share" {
  layer_name     = aws_lambda_layer_version.deps.layer_arn
  version_number = 1
  principal      = "*"
  action         = "lambda:GetLayerVersion"
  statement_id   = "all"
}
"""
    )
    app, _ = load(tmp_path, {"main.tf": text})
    (statement,) = app.resources["aws_lambda_layer_version.deps"].policy
    assert statement.principals is not None and statement.principals[0].kind == "*"
    assert statement.actions[0].value == "lambda:GetLayerVersion"


def test_service_triggers(tmp_path: Path) -> None:
    text = (
        FUNCTION
        + """
resource "aws_s3_bucket" "b" {}
resource "aws_s3_bucket_notification" "n" {
  bucket = aws_s3_bucket.b.id
  lambda_function {
    lambda_function_arn = aws_lambda_function.f.arn
    events              = ["s3:ObjectCreated:*"]
  }
}
resource "aws_sns_topic" "t" {}
resource "aws_sns_topic_subscription" "s" {
  topic_arn = aws_sns_topic.t.arn
  protocol  = "lambda"
  endpoint  = aws_lambda_function.f.arn
}
resource "aws_cloudwatch_event_rule" "nightly" {
  schedule_expression = "cron(0 2 * * ? *)"
}
resource "aws_cloudwatch_event_target" "nightly" {
  rule = aws_cloudwatch_event_rule.nightly.name
  arn  = aws_lambda_function.f.arn
}
resource "aws_cloudwatch_event_rule" "orders" {
  event_pattern = jsonencode({ source = ["shop"] })
}
resource "aws_cloudwatch_event_target" "orders" {
  rule = aws_cloudwatch_event_rule.orders.name
  arn  = aws_lambda_function.f.arn
}
resource "aws_cognito_user_pool" "p" {
  lambda_config {
    pre_sign_up = aws_lambda_function.f.arn
  }
}
"""
    )
    app, _ = load(tmp_path, {"main.tf": text})
    kinds = [t.kind for t in app.functions["aws_lambda_function.f"].triggers]
    assert kinds == [
        TriggerKind.S3,
        TriggerKind.SNS,
        TriggerKind.SCHEDULE,
        TriggerKind.EVENTBRIDGE,
        TriggerKind.COGNITO,
    ]
    assert all(t.public is False for t in app.triggers)
    s3 = app.triggers[0]
    assert s3.source is not None and s3.source.value == Ref("aws_s3_bucket.b", "id")
    cognito = app.triggers[-1]
    assert cognito.name == "aws_cognito_user_pool.p.pre_sign_up"
    assert (
        cognito.loc.start_line
        == text.splitlines().index("    pre_sign_up = aws_lambda_function.f.arn") + 1
    )


def test_code_dir_from_a_for_each_archive_instance(tmp_path: Path) -> None:
    text = """
locals {
  functions = toset(["orders", "reports"])
}
data "archive_file" "code" {
  for_each    = local.functions
  type        = "zip"
  source_dir  = "${path.module}/src/${each.key}"
  output_path = "${path.module}/build/${each.key}.zip"
}
resource "aws_lambda_function" "reports" {
  function_name    = "reports"
  filename         = data.archive_file.code["reports"].output_path
  source_code_hash = data.archive_file.code["reports"].output_base64sha256
}
resource "aws_lambda_function" "unknown_key" {
  function_name = "unknown"
  filename      = data.archive_file.code[var.which].output_path
}
"""
    app, _ = load(tmp_path, {"main.tf": text})
    assert app.functions["aws_lambda_function.reports"].code_dir == "src/reports"
    assert app.functions["aws_lambda_function.unknown_key"].code_dir is None
