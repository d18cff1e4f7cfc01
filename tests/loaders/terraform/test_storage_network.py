"""Data stores, load balancers, security groups, WAF and CloudFront."""

from __future__ import annotations

from pathlib import Path

from faasguard.model import AuthKind, Ref, ResourceKind, TriggerKind, Unresolved

from .helpers import load


def test_legacy_inline_bucket_settings(tmp_path: Path) -> None:
    text = """
resource "aws_s3_bucket" "b" {
  bucket = "site"
  acl    = "public-read"
  versioning {
    enabled = false
  }
  logging {
    target_bucket = "logs"
  }
  website {
    index_document = "index.html"
  }
  server_side_encryption_configuration {
    rule {
      apply_server_side_encryption_by_default {
        sse_algorithm = "AES256"
      }
    }
  }
  policy = <<POLICY
{"Statement": [{"Effect": "Allow", "Principal": {"AWS": "*"}, "Action": "s3:GetObject",
  "Resource": "arn:aws:s3:::site/*"}]}
POLICY
}
resource "aws_s3_bucket_acl" "b" {
  bucket = "site"
  acl    = "private"
}
"""
    app, _ = load(tmp_path, {"main.tf": text})
    bucket = app.resources["aws_s3_bucket.b"]
    assert bucket.acl is not None and bucket.acl.value == "private"  # by bucket name
    assert bucket.versioning is not None and bucket.versioning.value == "Suspended"
    assert bucket.access_logging is not None and bucket.access_logging.value == "logs"
    assert bucket.extra["website"].value is True
    assert bucket.encryption is not None and bucket.encryption.value == "AES256"
    (statement,) = bucket.policy
    assert statement.principals is not None and statement.principals[0].value.value == "*"
    assert statement.loc.start_line == 22


def test_other_stores(tmp_path: Path) -> None:
    text = """
resource "aws_sqs_queue" "q" {
  kms_master_key_id = "alias/aws/sqs"
}
resource "aws_sqs_queue_policy" "q" {
  queue_url = aws_sqs_queue.q.id
  policy    = jsonencode({ Statement = [{ Effect = "Allow", Principal = "*", Action = "sqs:*" }] })
}
resource "aws_sqs_queue_redrive_policy" "q" {
  queue_url      = aws_sqs_queue.q.url
  redrive_policy = jsonencode({ deadLetterTargetArn = "arn:aws:sqs:x:1:dlq" })
}
resource "aws_sns_topic" "t" {
  name              = "t"
  kms_master_key_id = aws_kms_key.k.id
}
resource "aws_sns_topic_policy" "t" {
  arn    = aws_sns_topic.t.arn
  policy = jsonencode({ Statement = [{ Effect = "Allow", Action = "sns:Publish" }] })
}
resource "aws_kinesis_stream" "s" {
  name            = "s"
  encryption_type = "NONE"
}
resource "aws_kms_key" "k" {
  enable_key_rotation = true
}
resource "aws_kms_key_policy" "k" {
  key_id = aws_kms_key.k.id
  policy = jsonencode({ Statement = [{ Effect = "Allow", Action = "kms:*" }] })
}
resource "aws_cloudwatch_log_group" "g" {
  name              = "/aws/lambda/fn"
  retention_in_days = 0
  kms_key_id        = aws_kms_key.k.arn
}
resource "aws_lambda_function" "f" {
  function_name = "fn"
}
resource "aws_secretsmanager_secret" "s" {
  name = "db"
}
resource "aws_secretsmanager_secret_policy" "s" {
  secret_arn = aws_secretsmanager_secret.s.arn
  policy     = jsonencode({ Statement = [{ Effect = "Allow", Action = "secretsmanager:*" }] })
}
resource "aws_secretsmanager_secret_rotation" "s" {
  secret_id = aws_secretsmanager_secret.s.id
}
resource "aws_ssm_parameter" "p" {
  name = "p"
  type = "String"
}
resource "aws_dynamodb_table" "t" {
  name           = "t"
  stream_enabled = true
  point_in_time_recovery {
    enabled = false
  }
}
"""
    app, _ = load(tmp_path, {"main.tf": text})
    queue = app.resources["aws_sqs_queue.q"]
    assert queue.kms_key is not None and queue.encryption is not None
    assert queue.encryption.value == "aws:kms"
    assert queue.policy[0].actions[0].value == "sqs:*"
    assert queue.dead_letter is not None and queue.dead_letter.value == "arn:aws:sqs:x:1:dlq"
    topic = app.resources["aws_sns_topic.t"]
    assert topic.kms_key is not None and topic.kms_key.value == Ref("aws_kms_key.k", "id")
    assert topic.policy[0].actions[0].value == "sns:Publish"
    stream = app.resources["aws_kinesis_stream.s"]
    assert stream.kind is ResourceKind.STREAM
    assert stream.encryption is not None and stream.encryption.value == "NONE"
    key = app.resources["aws_kms_key.k"]
    assert key.extra["key_rotation"].value is True and key.policy[0].actions[0].value == "kms:*"
    group = app.resources["aws_cloudwatch_log_group.g"]
    assert group.retention_days is not None and group.retention_days.value == 0
    assert app.functions["aws_lambda_function.f"].log_group == group.id  # by name
    secret = app.resources["aws_secretsmanager_secret.s"]
    assert secret.extra["rotation"].value is True and len(secret.policy) == 1
    parameter = app.resources["aws_ssm_parameter.p"]
    assert parameter.encrypted is not None and parameter.encrypted.value is False
    table = app.resources["aws_dynamodb_table.t"]
    assert table.encrypted is None  # not set: AWS-owned key, no explicit switch
    assert table.extra["point_in_time_recovery"].value is False
    assert table.extra["stream_enabled"].value is True


def test_alb_triggers_exposure_and_auth(tmp_path: Path) -> None:
    text = """
resource "aws_lambda_function" "f" {
  function_name = "f"
}
resource "aws_lb" "public" {
  name = "public"
}
resource "aws_lb" "internal" {
  internal = true
}
resource "aws_lb_target_group" "tg" {
  target_type = "lambda"
}
resource "aws_lb_target_group_attachment" "a" {
  target_group_arn = aws_lb_target_group.tg.arn
  target_id        = aws_lambda_function.f.arn
}
resource "aws_lb_listener" "public" {
  load_balancer_arn = aws_lb.public.arn
  ssl_policy        = "ELBSecurityPolicy-2016-08"
  default_action {
    type             = "forward"
    target_group_arn = aws_lb_target_group.tg.arn
  }
}
resource "aws_lb_listener" "internal" {
  load_balancer_arn = aws_lb.internal.arn
  default_action {
    type = "forward"
    forward {
      target_group {
        arn = aws_lb_target_group.tg.arn
      }
    }
  }
}
resource "aws_lb_listener_rule" "login" {
  listener_arn = aws_lb_listener.public.arn
  action {
    type = "authenticate-oidc"
  }
  action {
    type             = "forward"
    target_group_arn = aws_lb_target_group.tg.arn
  }
  condition {
    path_pattern {
      values = ["/login/*"]
    }
  }
}
"""
    app, _ = load(tmp_path, {"main.tf": text})
    triggers = {t.name: t for t in app.functions["aws_lambda_function.f"].triggers}
    public = triggers["aws_lb_listener.public"]
    assert public.kind is TriggerKind.ALB and public.public is True
    assert public.auth is not None and public.auth.kind is AuthKind.NONE
    assert triggers["aws_lb_listener.internal"].public is False
    login = triggers["aws_lb_listener_rule.login"]
    assert login.path == "/login/*" and login.public is True
    assert login.auth is not None and login.auth.kind is AuthKind.JWT
    # The listener's TLS policy stays on the listener, not on its load balancer.
    assert app.resources["aws_lb.public"].tls_policy is None
    public_listener = app.resources["aws_lb_listener.public"]
    assert public_listener.tls_policy is not None
    assert public_listener.tls_policy.value == "ELBSecurityPolicy-2016-08"
    assert public_listener.extra["load_balancer"].value == Ref("aws_lb.public")
    internal = app.resources["aws_lb.internal"].extra["internal"]
    assert internal.value is True and internal.loc.start_line == 9


def test_security_groups_waf_and_cloudfront(tmp_path: Path) -> None:
    text = """
resource "aws_security_group" "sg" {
  ingress {
    from_port   = 22
    to_port     = 22
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }
}
resource "aws_security_group_rule" "https" {
  type              = "ingress"
  security_group_id = aws_security_group.sg.id
  from_port         = 443
  to_port           = 443
  protocol          = "tcp"
  ipv6_cidr_blocks  = ["::/0"]
}
resource "aws_vpc_security_group_egress_rule" "all" {
  security_group_id = aws_security_group.sg.id
  ip_protocol       = "-1"
  cidr_ipv4         = "0.0.0.0/0"
}
resource "aws_lb" "alb" {}
resource "aws_wafv2_web_acl" "acl" {
  name = "acl"
}
resource "aws_wafv2_web_acl_association" "alb" {
  resource_arn = aws_lb.alb.arn
  web_acl_arn  = aws_wafv2_web_acl.acl.arn
}
resource "aws_cloudfront_distribution" "cdn" {
  web_acl_id = aws_wafv2_web_acl.acl.arn
  default_cache_behavior {
    viewer_protocol_policy = "allow-all"
  }
  viewer_certificate {
    minimum_protocol_version = "TLSv1"
  }
}
"""
    app, _ = load(tmp_path, {"main.tf": text})
    group = app.resources["aws_security_group.sg"]
    ports = [(r["from_port"].value, [c.value for c in r["cidrs"]]) for r in group.extra["ingress"]]
    assert ports == [(22, ["0.0.0.0/0"]), (443, ["::/0"])]
    (egress,) = group.extra["egress"]  # no default rule: Terraform removes AWS's allow-all
    assert egress["protocol"].value == "-1" and egress["cidrs"][0].value == "0.0.0.0/0"
    assert egress["default"] is False and egress["loc"].start_line == 18
    assert app.resources["aws_lb.alb"].waf == ["aws_wafv2_web_acl_association.alb"]
    cdn = app.resources["aws_cloudfront_distribution.cdn"]
    assert cdn.waf == ["aws_wafv2_web_acl.acl"]
    assert cdn.tls_policy is not None and cdn.tls_policy.value == "TLSv1"
    [policy] = cdn.extra["viewer_protocol_policies"]
    assert policy.value == "allow-all" and policy.loc.start_line == 34
    association = app.resources["aws_wafv2_web_acl_association.alb"]
    assert association.kind is ResourceKind.OTHER
    assert association.extra["web_acl"].value == Ref("aws_wafv2_web_acl.acl", "arn")


def test_unknown_values_are_kept_unknown(tmp_path: Path) -> None:
    text = """
variable "encrypted" {}
resource "aws_dynamodb_table" "t" {
  server_side_encryption {
    enabled = var.encrypted
  }
}
"""
    app, _ = load(tmp_path, {"main.tf": text})
    encrypted = app.resources["aws_dynamodb_table.t"].encrypted
    assert encrypted is not None and isinstance(encrypted.value, Unresolved)
    assert not encrypted.known
