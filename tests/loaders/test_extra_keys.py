"""One spelling of `Resource.extra` across formats.

The same project is written as a CloudFormation template and as Terraform; each pair of
resources must have the same `extra` keys with the same shapes and literal values (references
must be references in both). Every key any loader produces on the fixture projects must be in
the table of docs/architecture.md ("Resource.extra keys").
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from faasguard.analysis.discovery import discover
from faasguard.analysis.engine import load_unit
from faasguard.core.config import Config
from faasguard.core.location import Location
from faasguard.loaders.base import LoadContext
from faasguard.loaders.errors import ParseError
from faasguard.model import App, Ref, Resource, ResourceKind, Statement, Unresolved, V
from tests.loaders.cloudformation.helpers import load as load_cfn
from tests.loaders.terraform.helpers import load as load_tf

REPO = Path(__file__).resolve().parents[2]
ARCHITECTURE = REPO / "docs" / "architecture.md"

TEMPLATE = """
Resources:
  Role:
    Type: AWS::IAM::Role
  Site:
    Type: AWS::S3::Bucket
    Properties:
      WebsiteConfiguration: {IndexDocument: index.html}
      OwnershipControls: {Rules: [{ObjectOwnership: BucketOwnerEnforced}]}
  Orders:
    Type: AWS::DynamoDB::Table
    Properties:
      PointInTimeRecoverySpecification: {PointInTimeRecoveryEnabled: true}
      StreamSpecification: {StreamViewType: NEW_IMAGE}
      DeletionProtectionEnabled: true
  Jobs:
    Type: AWS::SQS::Queue
    Properties: {VisibilityTimeout: 30, FifoQueue: true}
  Clicks:
    Type: AWS::Kinesis::Stream
    Properties: {RetentionPeriodHours: 48}
  Key:
    Type: AWS::KMS::Key
    Properties: {EnableKeyRotation: true, KeySpec: RSA_2048}
  Db:
    Type: AWS::SecretsManager::Secret
    Properties: {SecretString: hunter2}
  DbRotation:
    Type: AWS::SecretsManager::RotationSchedule
    Properties: {SecretId: !Ref Db}
  Param:
    Type: AWS::SSM::Parameter
    Properties: {Type: String, Value: plain}
  Machine:
    Type: AWS::StepFunctions::StateMachine
    Properties:
      StateMachineType: EXPRESS
      RoleArn: !GetAtt Role.Arn
      LoggingConfiguration: {Level: ALL}
      TracingConfiguration: {Enabled: true}
  Pool:
    Type: AWS::Cognito::UserPool
    Properties:
      MfaConfiguration: "OFF"
      Schema:
        - {Name: email, AttributeDataType: String, Mutable: true, DeveloperOnlyAttribute: false}
        - {Name: tier, AttributeDataType: String, Mutable: true, DeveloperOnlyAttribute: false}
      Policies: {PasswordPolicy: {MinimumLength: 12, RequireSymbols: true}}
      AdminCreateUserConfig: {AllowAdminCreateUserOnly: false}
      UserPoolAddOns: {AdvancedSecurityMode: ENFORCED}
  Client:
    Type: AWS::Cognito::UserPoolClient
    Properties:
      UserPoolId: !Ref Pool
      WriteAttributes: [email, custom:tier]
      ReadAttributes: [email]
      GenerateSecret: true
      ExplicitAuthFlows: [ALLOW_USER_SRP_AUTH]
      AllowedOAuthFlows: [code]
      CallbackURLs: [https://example.com/cb]
      PreventUserExistenceErrors: ENABLED
  Admins:
    Type: AWS::Cognito::UserPoolGroup
    Properties: {UserPoolId: !Ref Pool, RoleArn: !GetAtt Role.Arn, Precedence: 1}
  Group:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: fn
      VpcId: vpc-1
      SecurityGroupIngress: [{IpProtocol: tcp, FromPort: 443, ToPort: 443, CidrIp: 10.0.0.0/8}]
      SecurityGroupEgress: [{IpProtocol: "-1", CidrIpv6: "::/0"}]
  Alb:
    Type: AWS::ElasticLoadBalancingV2::LoadBalancer
    Properties: {Scheme: internet-facing, Type: application}
  Listener:
    Type: AWS::ElasticLoadBalancingV2::Listener
    Properties:
      LoadBalancerArn: !Ref Alb
      Protocol: HTTPS
      Port: 443
      SslPolicy: ELBSecurityPolicy-TLS13-1-2-2021-06
      DefaultActions: [{Type: fixed-response}]
  Cdn:
    Type: AWS::CloudFront::Distribution
    Properties:
      DistributionConfig:
        DefaultCacheBehavior: {ViewerProtocolPolicy: allow-all}
        CacheBehaviors: [{PathPattern: /api/*, ViewerProtocolPolicy: https-only}]
  Acl:
    Type: AWS::WAFv2::WebACL
    Properties:
      Scope: REGIONAL
      DefaultAction: {Block: {}}
      Rules: [{Name: common}]
  AclOnAlb:
    Type: AWS::WAFv2::WebACLAssociation
    Properties: {ResourceArn: !Ref Alb, WebACLArn: !GetAtt Acl.Arn}
  Layer:
    Type: AWS::Lambda::LayerVersion
    Properties: {CompatibleRuntimes: [python3.12]}
  Signing:
    Type: AWS::Lambda::CodeSigningConfig
    Properties:
      AllowedPublishers: {SigningProfileVersionArns: [arn:aws:signer:x:1:/signing-profiles/a]}
      CodeSigningPolicies: {UntrustedArtifactOnDeployment: Enforce}
  Nightly:
    Type: AWS::Events::Rule
    Properties: {ScheduleExpression: rate(1 day)}
  Policy:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      PolicyDocument: {Statement: [{Effect: Allow, Action: s3:GetObject, Resource: "*"}]}
"""

TERRAFORM = """
resource "aws_iam_role" "role" {}
resource "aws_s3_bucket" "site" {}
resource "aws_s3_bucket_website_configuration" "site" {
  bucket = aws_s3_bucket.site.id
}
resource "aws_s3_bucket_ownership_controls" "site" {
  bucket = aws_s3_bucket.site.id
  rule {
    object_ownership = "BucketOwnerEnforced"
  }
}
resource "aws_dynamodb_table" "orders" {
  stream_enabled              = true
  stream_view_type            = "NEW_IMAGE"
  deletion_protection_enabled = true
  point_in_time_recovery {
    enabled = true
  }
}
resource "aws_sqs_queue" "jobs" {
  visibility_timeout_seconds = 30
  fifo_queue                 = true
}
resource "aws_kinesis_stream" "clicks" {
  retention_period = 48
}
resource "aws_kms_key" "key" {
  enable_key_rotation      = true
  customer_master_key_spec = "RSA_2048"
}
resource "aws_secretsmanager_secret" "db" {}
resource "aws_secretsmanager_secret_version" "db" {
  secret_id     = aws_secretsmanager_secret.db.id
  secret_string = "hunter2"
}
resource "aws_secretsmanager_secret_rotation" "db" {
  secret_id = aws_secretsmanager_secret.db.id
}
resource "aws_ssm_parameter" "param" {
  type  = "String"
  value = "plain"
}
resource "aws_sfn_state_machine" "machine" {
  type     = "EXPRESS"
  role_arn = aws_iam_role.role.arn
  logging_configuration {
    level = "ALL"
  }
  tracing_configuration {
    enabled = true
  }
}
resource "aws_cognito_user_pool" "pool" {
  mfa_configuration = "OFF"
  schema {
    name                     = "email"
    attribute_data_type      = "String"
    mutable                  = true
    developer_only_attribute = false
  }
  schema {
    name                     = "tier"
    attribute_data_type      = "String"
    mutable                  = true
    developer_only_attribute = false
  }
  password_policy {
    minimum_length  = 12
    require_symbols = true
  }
  admin_create_user_config {
    allow_admin_create_user_only = false
  }
  user_pool_add_ons {
    advanced_security_mode = "ENFORCED"
  }
}
resource "aws_cognito_user_pool_client" "client" {
  user_pool_id                  = aws_cognito_user_pool.pool.id
  write_attributes              = ["email", "custom:tier"]
  read_attributes               = ["email"]
  generate_secret               = true
  explicit_auth_flows           = ["ALLOW_USER_SRP_AUTH"]
  allowed_oauth_flows           = ["code"]
  callback_urls                 = ["https://example.com/cb"]
  prevent_user_existence_errors = "ENABLED"
}
resource "aws_cognito_user_group" "admins" {
  user_pool_id = aws_cognito_user_pool.pool.id
  role_arn     = aws_iam_role.role.arn
  precedence   = 1
}
resource "aws_security_group" "group" {
  vpc_id = "vpc-1"
  ingress {
    protocol    = "tcp"
    from_port   = 443
    to_port     = 443
    cidr_blocks = ["10.0.0.0/8"]
  }
  egress {
    protocol         = "-1"
    ipv6_cidr_blocks = ["::/0"]
  }
}
resource "aws_lb" "alb" {
  internal           = false
  load_balancer_type = "application"
}
resource "aws_lb_listener" "listener" {
  load_balancer_arn = aws_lb.alb.arn
  protocol          = "HTTPS"
  port              = 443
  ssl_policy        = "ELBSecurityPolicy-TLS13-1-2-2021-06"
  default_action {
    type = "fixed-response"
  }
}
resource "aws_cloudfront_distribution" "cdn" {
  default_cache_behavior {
    viewer_protocol_policy = "allow-all"
  }
  ordered_cache_behavior {
    path_pattern           = "/api/*"
    viewer_protocol_policy = "https-only"
  }
}
resource "aws_wafv2_web_acl" "acl" {
  scope = "REGIONAL"
  default_action {
    block {}
  }
  rule {
    name = "common"
  }
}
resource "aws_wafv2_web_acl_association" "acl_on_alb" {
  resource_arn = aws_lb.alb.arn
  web_acl_arn  = aws_wafv2_web_acl.acl.arn
}
resource "aws_lambda_layer_version" "layer" {
  compatible_runtimes = ["python3.12"]
}
resource "aws_lambda_code_signing_config" "signing" {
  allowed_publishers {
    signing_profile_version_arns = ["arn:aws:signer:x:1:/signing-profiles/a"]
  }
  policies {
    untrusted_artifact_on_deployment = "Enforce"
  }
}
resource "aws_cloudwatch_event_rule" "nightly" {
  schedule_expression = "rate(1 day)"
}
resource "aws_iam_policy" "policy" {
  policy = jsonencode({
    Statement = [{ Effect = "Allow", Action = "s3:GetObject", Resource = "*" }]
  })
}
"""

# CloudFormation logical id -> Terraform address of the same resource.
PAIRS = {
    "Site": "aws_s3_bucket.site",
    "Orders": "aws_dynamodb_table.orders",
    "Jobs": "aws_sqs_queue.jobs",
    "Clicks": "aws_kinesis_stream.clicks",
    "Key": "aws_kms_key.key",
    "Db": "aws_secretsmanager_secret.db",
    "Param": "aws_ssm_parameter.param",
    "Machine": "aws_sfn_state_machine.machine",
    "Pool": "aws_cognito_user_pool.pool",
    "Client": "aws_cognito_user_pool_client.client",
    "Admins": "aws_cognito_user_group.admins",
    "Group": "aws_security_group.group",
    "Alb": "aws_lb.alb",
    "Listener": "aws_lb_listener.listener",
    "Cdn": "aws_cloudfront_distribution.cdn",
    "Acl": "aws_wafv2_web_acl.acl",
    "AclOnAlb": "aws_wafv2_web_acl_association.acl_on_alb",
    "Layer": "aws_lambda_layer_version.layer",
    "Signing": "aws_lambda_code_signing_config.signing",
    "Nightly": "aws_cloudwatch_event_rule.nightly",
    "Policy": "aws_iam_policy.policy",
}


def shape(value: Any) -> Any:
    """What must agree between formats: literal values, and Ref/unknown/Location/Statement as
    kinds (ids and positions differ from one format to the other)."""
    if isinstance(value, V):
        raw = value.value
        if isinstance(raw, Ref):
            return "V(Ref)"
        if isinstance(raw, Unresolved):
            return "V(unknown)"
        return ("V", raw)
    if isinstance(value, Location):
        return "Location"
    if isinstance(value, Statement):
        return "Statement"
    if isinstance(value, list):
        return [shape(item) for item in value]
    if isinstance(value, dict):
        return {key: shape(item) for key, item in value.items() if item is not None}
    return value


def positions(value: Any) -> list[Location]:
    if isinstance(value, V):
        return [value.loc]
    if isinstance(value, Location):
        return [value]
    if isinstance(value, list):
        return [loc for item in value for loc in positions(item)]
    if isinstance(value, dict):
        return [loc for item in value.values() for loc in positions(item)]
    return []


@pytest.fixture(scope="module")
def both(tmp_path_factory: pytest.TempPathFactory) -> tuple[App, App]:
    cfn = load_cfn(TEMPLATE)
    assert cfn.problems == [], cfn.messages()
    tf, ctx = load_tf(tmp_path_factory.mktemp("tf"), {"main.tf": TERRAFORM})
    assert ctx.problems == [], [p.message for p in ctx.problems]
    return cfn.app, tf


@pytest.mark.parametrize("logical_id", sorted(PAIRS))
def test_same_keys_and_shapes_in_both_formats(both: tuple[App, App], logical_id: str) -> None:
    cfn, tf = both
    left, right = cfn.resources[logical_id], tf.resources[PAIRS[logical_id]]
    assert left.kind is right.kind
    assert shape(left.extra) == shape(right.extra)
    assert left.extra, "the pair should exercise some keys"


@pytest.mark.parametrize("logical_id", sorted(PAIRS))
def test_values_point_into_their_own_file(both: tuple[App, App], logical_id: str) -> None:
    cfn, tf = both
    for app, resource_id, path in (
        (cfn, logical_id, "template.yaml"),
        (tf, PAIRS[logical_id], "main.tf"),
    ):
        found = positions(app.resources[resource_id].extra)
        assert {loc.path for loc in found} <= {path}
        assert all(loc.start_line > 1 for loc in found)  # line 1 is blank in both texts


def test_links_name_the_resource_of_the_app(both: tuple[App, App]) -> None:
    cfn, tf = both
    assert cfn.resources["Listener"].extra["load_balancer"].value == Ref("Alb")
    assert tf.resources["aws_lb_listener.listener"].extra["load_balancer"].value == Ref(
        "aws_lb.alb"
    )
    assert tf.resources["aws_cognito_user_pool_client.client"].extra["user_pool"].value == Ref(
        "aws_cognito_user_pool.pool"
    )
    for app, listener in ((cfn, "Listener"), (tf, "aws_lb_listener.listener")):
        policy = app.resources[listener].tls_policy
        assert policy is not None and policy.value == "ELBSecurityPolicy-TLS13-1-2-2021-06"
    assert tf.resources["aws_lb.alb"].tls_policy is None


def test_custom_attributes_and_password_policy(both: tuple[App, App]) -> None:
    cfn, tf = both
    for pool in (cfn.resources["Pool"], tf.resources["aws_cognito_user_pool.pool"]):
        flags = [(a["name"].value, a["custom"]) for a in pool.extra["schema_attributes"]]
        assert flags == [("email", False), ("tier", True)]
        policy = pool.extra["password_policy"]
        assert {k: v.value for k, v in policy.items()} == {
            "MinimumLength": 12,
            "RequireSymbols": True,
        }


_ROW = re.compile(r"^\| (?P<kind>[a-z-]+)(?: \([^)]*\))? \| `(?P<key>\w+)` \|")


def documented() -> set[tuple[str, str]]:
    text = ARCHITECTURE.read_text(encoding="utf-8")
    section = text.split("### Resource.extra keys", 1)[1].split("\n### ", 1)[0]
    return {(m["kind"], m["key"]) for line in section.splitlines() if (m := _ROW.match(line))}


def _fixture_roots() -> list[Path]:
    rules = sorted(p for p in (REPO / "tests/fixtures/rules").glob("*/*") if p.is_dir())
    loaders = sorted(p for p in (REPO / "tests/fixtures/loaders").glob("*/*") if p.is_dir())
    examples = sorted(p for p in (REPO / "examples").glob("*") if p.is_dir())
    return [*rules, *loaders, *examples]


def _produced(apps: list[App]) -> set[tuple[str, str]]:
    found: set[tuple[str, str]] = set()
    for app in apps:
        for resource in app.resources.values():
            found.update(_keys(resource))
    return found


def _keys(resource: Resource) -> set[tuple[str, str]]:
    return {(resource.kind.value, key) for key in resource.extra}


def _load_all(root: Path) -> list[App]:
    apps: list[App] = []
    ctx = LoadContext(root)
    for unit in discover(root, Config()).units:
        try:
            app = load_unit(unit, ctx)
        except ParseError:
            continue
        if app is not None:
            apps.append(app)
    return apps


def test_every_key_the_loaders_produce_is_documented(both: tuple[App, App]) -> None:
    table = documented()
    assert ("security-group", "egress") in table and ("other", "load_balancer") in table
    kinds = {kind for kind, _ in table}
    apps = [*both, *(app for root in _fixture_roots() for app in _load_all(root))]
    undocumented = sorted(
        (kind, key)
        for kind, key in _produced(apps)
        if (kind, key) not in table and ("any", key) not in table
    )
    assert not undocumented, f"add these to docs/architecture.md: {undocumented}"
    assert kinds <= {"any", *(kind.value for kind in ResourceKind)}
