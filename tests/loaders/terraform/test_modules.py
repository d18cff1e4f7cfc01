"""Local modules followed (inputs, outputs, nesting), remote ones noted, tfvars, JSON syntax."""

from __future__ import annotations

import json
from pathlib import Path

from faasguard.core.location import Location
from faasguard.model import Ref, Unresolved

from .helpers import load, messages

ROOT = """
module "api" {
  source  = "./modules/api"
  name    = "orders"
  table   = aws_dynamodb_table.t.arn
}
resource "aws_dynamodb_table" "t" {
  name = "t"
}
resource "aws_iam_role_policy_attachment" "x" {
  role       = module.api.role_name
  policy_arn = "arn:aws:iam::aws:policy/AdministratorAccess"
}
locals {
  fn = module.api.function_arn
}
"""
API = """
variable "name" {}
variable "table" {}
variable "memory" {
  default = 128
}
module "inner" {
  source = "../inner"
  prefix = var.name
}
resource "aws_lambda_function" "f" {
  function_name = "${module.inner.prefix}-fn"
  memory_size   = var.memory
  role          = aws_iam_role.r.arn
  environment {
    variables = { TABLE = var.table }
  }
}
resource "aws_iam_role" "r" {
  name               = var.name
  assume_role_policy = "{}"
}
output "function_arn" {
  value = aws_lambda_function.f.arn
}
output "role_name" {
  value = aws_iam_role.r.name
}
"""
INNER = """
variable "prefix" {}
output "prefix" {
  value = "app-${var.prefix}"
}
resource "aws_sqs_queue" "q" {}
"""


def test_local_modules_are_followed(tmp_path: Path) -> None:
    files = {"main.tf": ROOT, "modules/api/main.tf": API, "modules/inner/main.tf": INNER}
    app, ctx = load(tmp_path, files)  # type: ignore[arg-type]
    assert messages(ctx) == []
    assert app.files == ["main.tf", "modules/api/main.tf", "modules/inner/main.tf"]
    fn = app.functions["module.api.aws_lambda_function.f"]
    assert fn.name == "app-orders-fn"  # an output of a nested module, from a root input
    assert fn.loc.path == "modules/api/main.tf"
    assert fn.memory is not None and fn.memory.value == 128
    table = fn.environment["TABLE"].value
    assert table.value == Ref("aws_dynamodb_table.t", "arn")
    assert table.loc == Location("main.tf", 5, 13, 5, 37)  # written in the root module
    assert fn.role == "module.api.aws_iam_role.r"
    assert "module.api.module.inner.aws_sqs_queue.q" in app.resources
    role = app.roles["module.api.aws_iam_role.r"]
    assert [p.value for p in role.managed_policies] == [
        "arn:aws:iam::aws:policy/AdministratorAccess"
    ]  # attached in the root, through the module output
    assert app.parameters == {}  # only the root module's variables are parameters


def test_remote_missing_and_escaping_modules(tmp_path: Path) -> None:
    root = """
module "registry" {
  source = "terraform-aws-modules/lambda/aws"
}
module "git" {
  source = "git::https://example.com/x.git"
}
module "missing" {
  source = "./nope"
}
module "outside" {
  source = "../../elsewhere"
}
module "computed" {
  source = "./${var.x}"
}
module "self" {
  source = "./"
}
"""
    app, ctx = load(tmp_path / "root", {"main.tf": root})
    notes = {k: r.extra.get("module_source") for k, r in app.resources.items()}
    assert set(notes) == {"module.registry", "module.git"}
    problems = messages(ctx)
    assert any("cannot list nope" in m for m in problems)
    assert any("outside the scanned root" in m for m in problems)
    assert any("no literal source" in m for m in problems)
    assert any("includes itself" in m for m in problems)


def test_module_cycles_stop(tmp_path: Path) -> None:
    files = {
        "main.tf": 'module "a" {\n  source = "./a"\n}\n',
        "a/main.tf": 'module "b" {\n  source = "../b"\n}\nresource "aws_sqs_queue" "q" {}\n',
        "b/main.tf": 'module "a" {\n  source = "../a"\n}\n',
    }
    app, ctx = load(tmp_path, files)  # type: ignore[arg-type]
    assert "module.a.aws_sqs_queue.q" in app.resources
    assert any("includes itself" in m for m in messages(ctx))


def test_tfvars_precedence(tmp_path: Path) -> None:
    files = {
        "main.tf": 'variable "a" {\n  default = "default"\n}\nvariable "b" {}\nvariable "c" {}\n'
        'resource "aws_sqs_queue" "q" {\n  name = "${var.a}-${var.b}-${var.c}"\n}\n',
        "terraform.tfvars": 'a = "tfvars"\nb = "tfvars"\n',
        "x.auto.tfvars": 'b = "auto"\n',
        "y.auto.tfvars.json": json.dumps({"c": "json"}),
        "other.tfvars": 'c = "not loaded automatically"\n',
    }
    app, _ = load(tmp_path, files)  # type: ignore[arg-type]
    name = app.resources["aws_sqs_queue.q"].name
    assert name is not None and name.value == "tfvars-auto-json"


def test_json_configuration_loads_like_native_syntax(tmp_path: Path) -> None:
    config = {
        "variable": {"stage": {"default": "dev"}},
        "resource": {
            "aws_lambda_function": {
                "f": {
                    "function_name": "fn-${var.stage}",
                    "role": "${aws_iam_role.r.arn}",
                    "environment": {"variables": {"A": "1"}},
                    "tracing_config": [{"mode": "Active"}],
                }
            },
            "aws_iam_role": {
                "r": {
                    "name": "r",
                    "assume_role_policy": '${jsonencode({Statement = [{Effect = "Allow"}]})}',
                    "inline_policy": {"name": "p", "policy": '{"Statement": {"Action": "*"}}'},
                }
            },
        },
    }
    text = json.dumps(config, indent=2)
    app, ctx = load(tmp_path, {"main.tf.json": text})
    assert messages(ctx) == []
    fn = app.functions["aws_lambda_function.f"]
    assert fn.name == "fn-dev"
    assert fn.role == "aws_iam_role.r"
    assert fn.environment["A"].value.value == "1"
    assert fn.tracing is not None and fn.tracing.value == "Active"
    assert fn.loc.path == "main.tf.json"
    role = app.roles["aws_iam_role.r"]
    assert role.trust[0].effect.value == "Allow"
    assert role.statements[0].actions[0].value == "*"
    assert app.parameters["stage"].default is not None


def test_variable_defaults_without_tfvars_stay_unknown(tmp_path: Path) -> None:
    app, _ = load(
        tmp_path,
        {"main.tf": 'variable "n" {}\nresource "aws_sqs_queue" "q" {\n  name = var.n\n}\n'},
    )
    name = app.resources["aws_sqs_queue.q"].name
    assert name is not None and isinstance(name.value, Unresolved)


def test_tf_var_environment_only_when_allowed(tmp_path: Path) -> None:
    from faasguard.loaders.base import LoadContext
    from faasguard.loaders.terraform import load_terraform

    text = 'variable "stage" {}\nresource "aws_sqs_queue" "q" {\n  name = var.stage\n}\n'
    (tmp_path / "main.tf").write_text(text)
    allowed = LoadContext(tmp_path.resolve(), environ={"TF_VAR_stage": "prod"})
    name = load_terraform("", {"main.tf": text}, allowed).resources["aws_sqs_queue.q"].name
    assert name is not None and name.value == "prod"
    assert name.loc.start_line == 1  # the variable declaration
    refused = LoadContext(tmp_path.resolve())
    name = load_terraform("", {"main.tf": text}, refused).resources["aws_sqs_queue.q"].name
    assert name is not None and isinstance(name.value, Unresolved)
