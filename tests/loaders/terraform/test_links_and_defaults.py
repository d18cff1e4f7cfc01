"""Routes linked through invoke permissions, listener and code signing defaults, resources
described only through others (URLs of outside functions, secret versions, rules)."""

from __future__ import annotations

from pathlib import Path

from faasguard.model import Ref, ResourceKind, TriggerKind

from .helpers import load

ROUTES = """
variable "uri" {}
resource "aws_lambda_function" "orders" {
  function_name = "orders"
}
resource "aws_lambda_function" "users" {
  function_name = "users"
}
resource "aws_apigatewayv2_api" "api" {
  name          = "api"
  protocol_type = "HTTP"
}
resource "aws_apigatewayv2_integration" "opaque" {
  api_id          = aws_apigatewayv2_api.api.id
  integration_uri = var.uri
}
resource "aws_apigatewayv2_route" "get_orders" {
  api_id    = aws_apigatewayv2_api.api.id
  route_key = "GET /orders"
  target    = "integrations/${aws_apigatewayv2_integration.opaque.id}"
}
resource "aws_apigatewayv2_route" "post_users" {
  api_id    = aws_apigatewayv2_api.api.id
  route_key = "POST /users"
  target    = "integrations/${aws_apigatewayv2_integration.opaque.id}"
}
resource "aws_apigatewayv2_route" "default" {
  api_id    = aws_apigatewayv2_api.api.id
  route_key = "$default"
  target    = "integrations/${aws_apigatewayv2_integration.opaque.id}"
}
resource "aws_lambda_permission" "orders" {
  function_name = aws_lambda_function.orders.function_name
  principal     = "apigateway.amazonaws.com"
  source_arn    = "${aws_apigatewayv2_api.api.execution_arn}/*/GET/orders"
}
resource "aws_lambda_permission" "users" {
  function_name = aws_lambda_function.users.function_name
  principal     = "apigateway.amazonaws.com"
  source_arn    = "${aws_apigatewayv2_api.api.execution_arn}/${var.stage}/*/users"
}
"""


def test_routes_link_through_the_permission_that_matches_them(tmp_path: Path) -> None:
    app, ctx = load(tmp_path, {"main.tf": ROUTES})
    assert ctx.problems == []
    routes = {t.name: t for t in app.triggers}
    assert routes["aws_apigatewayv2_route.get_orders"].function == "aws_lambda_function.orders"
    assert routes["aws_apigatewayv2_route.post_users"].function == "aws_lambda_function.users"
    assert routes["aws_apigatewayv2_route.default"].function is None  # no permission matches
    orders = app.functions["aws_lambda_function.orders"]
    assert [t.name for t in orders.triggers] == ["aws_apigatewayv2_route.get_orders"]
    assert orders.triggers[0].kind is TriggerKind.HTTP_API


def test_a_wildcard_permission_links_only_when_one_function_has_it(tmp_path: Path) -> None:
    one = ROUTES.replace("/*/GET/orders", "/*/*").replace(
        '"${aws_apigatewayv2_api.api.execution_arn}/${var.stage}/*/users"', '"arn:aws:x"'
    )
    app, _ = load(tmp_path / "one", {"main.tf": one})
    functions = {t.name: t.function for t in app.triggers}
    assert set(functions.values()) == {"aws_lambda_function.orders"}  # $default included
    both = ROUTES.replace("/*/GET/orders", "/*/*").replace("/${var.stage}/*/users", "/*/*")
    app, _ = load(tmp_path / "both", {"main.tf": both})
    assert {t.function for t in app.triggers} == {None}  # shared: not guessed


def test_an_integration_link_wins_over_permissions(tmp_path: Path) -> None:
    text = ROUTES.replace(
        "integration_uri = var.uri", "integration_uri = aws_lambda_function.users.invoke_arn"
    )
    app, _ = load(tmp_path, {"main.tf": text})
    assert {t.function for t in app.triggers} == {"aws_lambda_function.users"}


LISTENERS = """
resource "aws_lb" "alb" {}
resource "aws_lb" "nlb" {
  load_balancer_type = "network"
}
resource "aws_lb_listener" "implicit" {
  load_balancer_arn = aws_lb.alb.arn
  port              = 80
  default_action {
    type = "fixed-response"
  }
}
resource "aws_lb_listener" "tcp" {
  load_balancer_arn = aws_lb.nlb.arn
  port              = 80
  default_action {
    type = "forward"
  }
}
resource "aws_lb_listener" "outside" {
  load_balancer_arn = "arn:aws:elasticloadbalancing:eu-west-1:1:loadbalancer/app/x/y"
  default_action {
    type = "fixed-response"
  }
}
"""


def test_listener_protocol_default_and_links(tmp_path: Path) -> None:
    app, _ = load(tmp_path, {"main.tf": LISTENERS})
    implicit = app.resources["aws_lb_listener.implicit"].extra
    assert implicit["protocol"].value == "HTTP"  # the provider default on an ALB
    assert implicit["protocol"].loc.start_line == 6  # at the listener block
    assert implicit["port"].value == 80 and implicit["load_balancer"].value == Ref("aws_lb.alb")
    assert app.resources["aws_lb_listener.tcp"].extra["protocol"] is None  # not an ALB
    outside = app.resources["aws_lb_listener.outside"].extra
    assert outside["protocol"] is None  # the balancer's type is not known
    assert outside["load_balancer"].value.startswith("arn:aws:elasticloadbalancing")


OTHERS = """
resource "aws_lambda_code_signing_config" "lenient" {}
resource "aws_lambda_function_url" "outside" {
  function_name      = "somebody-elses-function"
  authorization_type = "NONE"
}
resource "aws_security_group" "app" {
  ingress {
    protocol        = "tcp"
    from_port       = 5432
    to_port         = 5432
    security_groups = [aws_security_group.web.id]
  }
}
resource "aws_security_group" "web" {}
resource "aws_security_group_rule" "peer" {
  type                     = "ingress"
  security_group_id        = aws_security_group.app.id
  protocol                 = "tcp"
  from_port                = 6379
  to_port                  = 6379
  source_security_group_id = aws_security_group.web.id
}
resource "aws_cognito_user_pool" "pool" {
  lambda_config {
    pre_sign_up = aws_lambda_function.f.arn
  }
}
resource "aws_lambda_function" "f" {
  function_name = "f"
}
"""


def test_defaults_and_resources_known_through_others(tmp_path: Path) -> None:
    app, _ = load(tmp_path, {"main.tf": OTHERS})
    signing = app.resources["aws_lambda_code_signing_config.lenient"]
    action = signing.extra["untrusted_artifact_on_deployment"]
    assert action.value == "Warn" and action.loc == signing.loc  # AWS's default, at the config
    assert signing.extra["signing_profiles"] == []
    url = app.resources["aws_lambda_function_url.outside"]
    assert url.kind is ResourceKind.OTHER and url.extra["auth_type"].value == "NONE"
    group = app.resources["aws_security_group.app"]
    peers = [[p.value for p in rule["source_groups"]] for rule in group.extra["ingress"]]
    assert peers == [[Ref("aws_security_group.web", "id")]] * 2
    assert group.extra["egress"] == []  # Terraform removes AWS's default egress rule
    [trigger] = app.functions["aws_lambda_function.f"].triggers
    assert trigger.source is not None and trigger.source.value == Ref("aws_cognito_user_pool.pool")
