"""API Gateway REST and HTTP/WebSocket APIs: routes, auth, exposure, stages, plans, domains."""

from __future__ import annotations

from pathlib import Path

from faasguard.model import ApiKind, AuthKind, ResourceKind, TriggerKind

from .helpers import load

FUNCTION = """
resource "aws_lambda_function" "f" {
  function_name = "f"
}
"""

REST = (
    FUNCTION
    + """
resource "aws_api_gateway_rest_api" "api" {
  name = "api"
  endpoint_configuration {
    types = [var.endpoint]
  }
  policy = jsonencode({
    Statement = [{
      Effect = "Allow", Principal = "*", Action = "execute-api:Invoke", Resource = "*"
    }]
  })
}
variable "endpoint" {
  default = "PRIVATE"
}
locals {
  v = "2015-03-31"
}
resource "aws_api_gateway_resource" "a" {
  rest_api_id = aws_api_gateway_rest_api.api.id
  parent_id   = aws_api_gateway_rest_api.api.root_resource_id
  path_part   = "a"
}
resource "aws_api_gateway_resource" "b" {
  rest_api_id = aws_api_gateway_rest_api.api.id
  parent_id   = aws_api_gateway_resource.a.id
  path_part   = "{proxy+}"
}
resource "aws_api_gateway_method" "root" {
  rest_api_id      = aws_api_gateway_rest_api.api.id
  resource_id      = aws_api_gateway_rest_api.api.root_resource_id
  http_method      = "any"
  authorization    = "NONE"
  api_key_required = true
}
resource "aws_api_gateway_method" "iam" {
  rest_api_id   = aws_api_gateway_rest_api.api.id
  resource_id   = aws_api_gateway_resource.b.id
  http_method   = "POST"
  authorization = "AWS_IAM"
}
resource "aws_api_gateway_method" "custom" {
  rest_api_id   = aws_api_gateway_rest_api.api.id
  resource_id   = aws_api_gateway_resource.a.id
  http_method   = "PUT"
  authorization = "CUSTOM"
  authorizer_id = aws_api_gateway_authorizer.lambda.id
}
resource "aws_api_gateway_authorizer" "lambda" {
  name           = "token"
  rest_api_id    = aws_api_gateway_rest_api.api.id
  authorizer_uri = aws_lambda_function.f.invoke_arn
}
resource "aws_api_gateway_integration" "iam" {
  rest_api_id = aws_api_gateway_rest_api.api.id
  resource_id = aws_api_gateway_resource.b.id
  http_method = aws_api_gateway_method.iam.http_method
  type        = "AWS_PROXY"
  uri         = "arn:aws:apigateway:${local.v}/functions/${aws_lambda_function.f.arn}/x"
}
resource "aws_api_gateway_deployment" "d" {
  rest_api_id = aws_api_gateway_rest_api.api.id
  stage_name  = "legacy"
}
resource "aws_api_gateway_usage_plan" "plan" {
  name = "plan"
  api_stages {
    api_id = aws_api_gateway_rest_api.api.id
    stage  = "legacy"
  }
  throttle_settings {
    burst_limit = 5
    rate_limit  = 10
  }
}
resource "aws_api_gateway_method_settings" "one" {
  rest_api_id = aws_api_gateway_rest_api.api.id
  stage_name  = "legacy"
  method_path = "a/GET"
  settings {
    logging_level = "ERROR"
  }
}
resource "aws_api_gateway_domain_name" "d" {
  domain_name     = "api.example.com"
  security_policy = "TLS_1_0"
}
"""
)


def test_rest_routes(tmp_path: Path) -> None:
    app, ctx = load(tmp_path, {"main.tf": REST})
    assert ctx.problems == []
    api = app.apis["aws_api_gateway_rest_api.api"]
    assert api.kind is ApiKind.REST and api.public is False  # PRIVATE through a variable
    routes = {t.name.rsplit(".", 1)[-1]: t for t in app.triggers}
    root, iam, custom = routes["root"], routes["iam"], routes["custom"]
    assert (root.method, root.path, root.public) == ("ANY", "/", False)
    assert root.auth is not None and root.auth.kind is AuthKind.API_KEY
    assert root.auth.api_key_required
    assert (iam.method, iam.path) == ("POST", "/a/{proxy+}")
    assert iam.auth is not None and iam.auth.kind is AuthKind.IAM
    assert iam.function == "aws_lambda_function.f"  # through the integration's uri
    assert custom.auth is not None and custom.auth.kind is AuthKind.LAMBDA
    assert custom.auth.authorizer == "aws_api_gateway_authorizer.lambda"
    assert custom.function is None  # no integration declared
    assert api.authorizers["aws_api_gateway_authorizer.lambda"].kind is AuthKind.LAMBDA


def test_rest_api_policy_stage_plan_and_domain(tmp_path: Path) -> None:
    app, _ = load(tmp_path, {"main.tf": REST})
    api = app.apis["aws_api_gateway_rest_api.api"]
    (statement,) = api.policy
    assert statement.actions[0].value == "execute-api:Invoke"
    (stage,) = api.stages
    assert stage.name == "legacy"
    assert stage.execution_logging is not None and stage.execution_logging.value == "ERROR"
    assert api.usage_plan_throttle is not None
    assert api.usage_plan_throttle.burst is not None and api.usage_plan_throttle.burst.value == 5
    assert api.usage_plan_throttle.rate is not None and api.usage_plan_throttle.rate.value == 10.0
    domain = app.resources["aws_api_gateway_domain_name.d"]
    assert domain.kind is ResourceKind.DOMAIN
    assert domain.tls_policy is not None and domain.tls_policy.value == "TLS_1_0"


HTTP = (
    FUNCTION
    + """
resource "aws_apigatewayv2_api" "ws" {
  name                       = "ws"
  protocol_type              = "WEBSOCKET"
  route_selection_expression = "$request.body.action"
}
resource "aws_apigatewayv2_authorizer" "req" {
  api_id          = aws_apigatewayv2_api.ws.id
  authorizer_type = "REQUEST"
  name            = "req"
}
resource "aws_apigatewayv2_integration" "ws" {
  api_id           = aws_apigatewayv2_api.ws.id
  integration_type = "AWS_PROXY"
  integration_uri  = aws_lambda_function.f.invoke_arn
}
resource "aws_apigatewayv2_route" "connect" {
  api_id             = aws_apigatewayv2_api.ws.id
  route_key          = "$connect"
  authorization_type = "CUSTOM"
  authorizer_id      = aws_apigatewayv2_authorizer.req.id
  target             = "integrations/${aws_apigatewayv2_integration.ws.id}"
}
resource "aws_apigatewayv2_route" "send" {
  api_id           = aws_apigatewayv2_api.ws.id
  route_key        = "send"
  api_key_required = true
  target           = "integrations/${aws_apigatewayv2_integration.ws.id}"
}
resource "aws_apigatewayv2_api" "quick" {
  name          = "quick"
  protocol_type = "HTTP"
  target        = aws_lambda_function.f.arn
  cors_configuration {
    allow_origins     = ["*"]
    allow_credentials = true
  }
}
resource "aws_apigatewayv2_stage" "s" {
  api_id = aws_apigatewayv2_api.ws.id
  name   = "prod"
  access_log_settings {
    destination_arn = "arn:aws:logs:x"
    format          = "$context.requestId"
  }
  default_route_settings {
    logging_level          = "INFO"
    throttling_burst_limit = 1
    throttling_rate_limit  = 2.5
  }
}
resource "aws_apigatewayv2_domain_name" "d" {
  domain_name = "ws.example.com"
  domain_name_configuration {
    certificate_arn = "arn:cert"
    endpoint_type   = "REGIONAL"
    security_policy = "TLS_1_2"
  }
}
"""
)


def test_websocket_and_quick_create_routes(tmp_path: Path) -> None:
    app, _ = load(tmp_path, {"main.tf": HTTP})
    ws = app.apis["aws_apigatewayv2_api.ws"]
    assert ws.kind is ApiKind.WEBSOCKET
    assert ws.authorizers["aws_apigatewayv2_authorizer.req"].kind is AuthKind.LAMBDA
    routes = {t.name: t for t in app.triggers}
    connect = routes["aws_apigatewayv2_route.connect"]
    assert connect.kind is TriggerKind.WEBSOCKET
    assert (connect.method, connect.path) == (None, "$connect")
    assert connect.auth is not None and connect.auth.kind is AuthKind.LAMBDA
    assert connect.function == "aws_lambda_function.f"
    send = routes["aws_apigatewayv2_route.send"]
    assert send.auth is not None and send.auth.kind is AuthKind.API_KEY
    quick = routes["aws_apigatewayv2_api.quick"]
    assert quick.kind is TriggerKind.HTTP_API and quick.path == "$default"
    assert quick.auth is not None and quick.auth.kind is AuthKind.NONE
    assert quick.function == "aws_lambda_function.f" and quick.public is True
    cors = app.apis["aws_apigatewayv2_api.quick"].cors
    assert cors is not None and cors.allow_credentials is not None
    assert cors.allow_credentials.value is True


def test_v2_stage_and_domain(tmp_path: Path) -> None:
    app, _ = load(tmp_path, {"main.tf": HTTP})
    (stage,) = app.apis["aws_apigatewayv2_api.ws"].stages
    assert stage.name == "prod"
    assert stage.access_log is not None and stage.access_log.value == "arn:aws:logs:x"
    assert stage.execution_logging is not None and stage.execution_logging.value == "INFO"
    assert stage.throttle is not None and stage.throttle.rate is not None
    assert stage.throttle.rate.value == 2.5
    domain = app.resources["aws_apigatewayv2_domain_name.d"]
    assert domain.tls_policy is not None and domain.tls_policy.value == "TLS_1_2"
