"""IAM roles, users and groups with their policies from every source."""

from __future__ import annotations

from pathlib import Path

from faasguard.model import RoleKind, Unresolved

from .helpers import load

ROLE = """
resource "aws_iam_role" "r" {
  name                 = "r"
  assume_role_policy   = data.aws_iam_policy_document.trust.json
  managed_policy_arns  = ["arn:aws:iam::aws:policy/ReadOnlyAccess"]
  permissions_boundary = "arn:aws:iam::1:policy/boundary"
}
data "aws_iam_policy_document" "trust" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "*"
      identifiers = ["*"]
    }
  }
}
"""


def test_trust_policy_and_boundary(tmp_path: Path) -> None:
    app, _ = load(tmp_path, {"main.tf": ROLE})
    role = app.roles["aws_iam_role.r"]
    assert role.kind is RoleKind.ROLE
    (trust,) = role.trust
    assert trust.principals is not None
    assert [(p.kind, p.value.value) for p in trust.principals] == [("*", "*")]
    assert trust.loc.start_line == 9  # the statement block of the data source
    assert [m.value for m in role.managed_policies] == ["arn:aws:iam::aws:policy/ReadOnlyAccess"]
    assert role.permissions_boundary is not None


def test_policies_attached_in_every_way(tmp_path: Path) -> None:
    text = (
        ROLE
        + """
resource "aws_iam_policy" "p" {
  name   = "p"
  policy = jsonencode({
    Statement = [{ Effect = "Allow", Action = "sqs:*", Resource = "*" }]
  })
}
resource "aws_iam_policy_attachment" "many" {
  name       = "many"
  roles      = [aws_iam_role.r.name]
  users      = [aws_iam_user.u.name]
  groups     = [aws_iam_group.g.name]
  policy_arn = aws_iam_policy.p.arn
}
resource "aws_iam_user" "u" {
  name = "u"
}
resource "aws_iam_user_policy" "u" {
  user   = aws_iam_user.u.name
  policy = jsonencode({ Statement = { Effect = "Deny", Action = "*", Resource = "*" } })
}
resource "aws_iam_group" "g" {
  name = "g"
}
resource "aws_iam_group_policy_attachment" "g" {
  group      = "g"
  policy_arn = "arn:aws:iam::aws:policy/AdministratorAccess"
}
resource "aws_iam_role_policy" "other_role" {
  role   = "not-in-project"
  policy = "{}"
}
"""
    )
    app, _ = load(tmp_path, {"main.tf": text})
    role, user, group = (
        app.roles[k] for k in ("aws_iam_role.r", "aws_iam_user.u", "aws_iam_group.g")
    )
    assert [s.origin for s in role.statements] == ["managed policy aws_iam_policy.p"]
    assert role.statements[0].actions[0].value == "sqs:*"
    assert user.kind is RoleKind.USER
    assert [s.origin for s in user.statements] == [
        "managed policy aws_iam_policy.p",
        "inline policy u",
    ]
    assert user.statements[1].effect.value == "Deny"
    assert group.kind is RoleKind.GROUP
    assert [m.value for m in group.managed_policies] == [
        "arn:aws:iam::aws:policy/AdministratorAccess"
    ]
    policy = app.resources["aws_iam_policy.p"]
    assert policy.extra["statements"] == role.statements


def test_unreadable_policy_is_unknown_not_empty(tmp_path: Path) -> None:
    text = """
variable "policy" {}
resource "aws_iam_role" "r" {
  name               = "r"
  assume_role_policy = var.policy
  inline_policy {
    name   = "dyn"
    policy = var.policy
  }
}
"""
    app, _ = load(tmp_path, {"main.tf": text})
    role = app.roles["aws_iam_role.r"]
    (trust,) = role.trust
    (inline,) = role.statements
    for statement in (trust, inline):
        assert isinstance(statement.effect.value, Unresolved)
        assert statement.allows is False
        assert isinstance(statement.actions[0].value, Unresolved)
        assert statement.conditions_unresolved
    assert inline.loc.start_line == 8


def test_policy_document_with_sources_overrides_and_dynamic_blocks(tmp_path: Path) -> None:
    text = """
locals {
  buckets = ["a", "b"]
}
data "aws_iam_policy_document" "base" {
  statement {
    sid       = "Logs"
    actions   = ["logs:*"]
    resources = ["*"]
  }
}
data "aws_iam_policy_document" "override" {
  statement {
    sid       = "Logs"
    actions   = ["logs:PutLogEvents"]
    resources = ["*"]
  }
}
data "aws_iam_policy_document" "main" {
  source_policy_documents   = [data.aws_iam_policy_document.base.json]
  override_policy_documents = [data.aws_iam_policy_document.override.json]
  dynamic "statement" {
    for_each = local.buckets
    content {
      actions   = ["s3:GetObject"]
      resources = ["arn:aws:s3:::${statement.value}/*"]
      condition {
        test     = var.unknown_test
        variable = "aws:x"
        values   = ["y"]
      }
    }
  }
}
resource "aws_iam_role" "r" {
  name               = "r"
  assume_role_policy = "{}"
  inline_policy {
    name   = "main"
    policy = data.aws_iam_policy_document.main.json
  }
}
"""
    app, _ = load(tmp_path, {"main.tf": text})
    statements = app.roles["aws_iam_role.r"].statements
    assert [s.sid for s in statements] == ["Logs", None, None]
    assert [a.value for a in statements[0].actions] == ["logs:PutLogEvents"]
    assert [r.value for s in statements[1:] for r in s.resources] == [
        "arn:aws:s3:::a/*",
        "arn:aws:s3:::b/*",
    ]
    assert statements[1].conditions_unresolved


def test_json_string_policy_positions_are_the_string(tmp_path: Path) -> None:
    text = (
        'resource "aws_iam_role" "r" {\n  name = "r"\n'
        '  assume_role_policy = "{\\"Statement\\": [{\\"Effect\\": \\"Allow\\", '
        '\\"Principal\\": {\\"Service\\": \\"lambda.amazonaws.com\\"}}]}"\n}\n'
    )
    app, _ = load(tmp_path, {"main.tf": text})
    (trust,) = app.roles["aws_iam_role.r"].trust
    assert trust.principals is not None
    assert trust.principals[0].value.value == "lambda.amazonaws.com"
    assert trust.loc.start_line == 3 and trust.loc.start_column == 24
