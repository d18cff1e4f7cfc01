"""The IAM rules: what they report, where, how severe, and what they leave to other rules."""

from __future__ import annotations

from pathlib import Path

from faasguard.core.enums import Confidence, Severity
from faasguard.core.rule import Hit, Rule, RuleContext
from faasguard.model import App
from faasguard.rules.iam import (
    credentials_exposure_on_any_resource,
    pass_role_on_any_role,
    policy_unknown_to_analysis,
    privesc_pass_role_new_resource,
    privesc_principal_access,
    privesc_self_escalation,
    resource_exposure_action,
)
from tests.iam.loading import load_app, sam

IAM001 = privesc_self_escalation.RULE
IAM002 = privesc_principal_access.RULE
IAM003 = privesc_pass_role_new_resource.RULE
IAM005 = pass_role_on_any_role.RULE
IAM006 = credentials_exposure_on_any_resource.RULE
IAM007 = resource_exposure_action.RULE
IAM008 = policy_unknown_to_analysis.RULE


def hits(rule: Rule, app: App) -> list[Hit]:
    assert rule.check is not None
    return list(rule.check(app, RuleContext(options=rule.options)))


def fn(name: str, body: str, *, events: str = "", extra: str = "") -> str:
    return f"""  {name}:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: python3.12
      Handler: app.handler
      CodeUri: src/
{extra}      Policies:
        - Statement:
{body}{events}"""


def allow(action: str, resource: str, condition: str = "") -> str:
    return (
        f"            - Effect: Allow\n              Action: {action}\n"
        f"              Resource: {resource}\n{condition}"
    )


PUBLIC = """      Events:
        Api:
          Type: HttpApi
          Properties:
            Path: /deploy
            Method: post
"""
QUEUE = """      Events:
        Jobs:
          Type: SQS
          Properties:
            Queue: arn:aws:sqs:eu-west-1:123456789012:jobs
"""
PASS_ANY = allow("iam:PassRole", '"*"') + allow(
    "[lambda:CreateFunction, lambda:InvokeFunction]", '"*"'
)


def test_public_unauthenticated_function_role_is_critical(tmp_path: Path) -> None:
    found = hits(IAM003, sam(tmp_path, fn("Deployer", PASS_ANY, events=PUBLIC)))
    assert [h.severity for h in found] == [Severity.CRITICAL]
    assert found[0].location.start_line == 13  # the iam:PassRole action
    assert "lambda-001" in found[0].message and found[0].function == "Deployer"
    assert found[0].confidence is Confidence.MEDIUM  # the role to pass is outside the project


def test_internal_function_role_is_high_and_other_principals_medium(tmp_path: Path) -> None:
    user = """  Deploy:
    Type: AWS::IAM::User
    Properties:
      Policies:
        - PolicyName: deploy
          PolicyDocument:
            Statement:
              - Effect: Allow
                Action: [iam:PassRole, lambda:CreateFunction, lambda:InvokeFunction]
                Resource: "*"
"""
    app = sam(tmp_path, fn("Deployer", PASS_ANY, events=QUEUE) + user)
    severities = {h.resource: h.severity for h in hits(IAM003, app)}
    assert severities == {"DeployerRole": Severity.HIGH, "Deploy": Severity.MEDIUM}


def test_unknown_values_are_reported_low(tmp_path: Path) -> None:
    body = allow("iam:PassRole", "!Ref TargetRoleArn") + allow(
        "[lambda:CreateFunction, lambda:InvokeFunction]", '"*"'
    )
    header = (
        "Transform: AWS::Serverless-2016-10-31\nParameters:\n  TargetRoleArn:\n    Type: String\n"
    )
    text = header + "Resources:\n" + fn("Deployer", body, events=PUBLIC)
    found = hits(IAM003, load_app(tmp_path, "template.yaml", text))
    assert [(h.severity, h.confidence) for h in found] == [(Severity.LOW, Confidence.LOW)]
    assert "may not apply" in found[0].message


def test_one_finding_per_granting_statement_with_a_trace_per_grant(tmp_path: Path) -> None:
    app = sam(tmp_path, fn("Admin", allow("iam:*", '"*"')))
    found = hits(IAM001, app)
    assert len(found) == 1
    hit = found[0]
    assert "iam-005 (iam:PutRolePolicy)" in hit.message and "more" in hit.message
    assert {step.location.start_line for step in hit.trace} == {13}
    actions = {step.message.split(" ")[1] for step in hit.trace}
    assert {"iam:PutRolePolicy", "iam:AttachRolePolicy"} <= actions
    # no customer managed policy is attached to it: iam:CreatePolicyVersion is no self-escalation
    assert "iam:CreatePolicyVersion" not in actions
    assert all(
        "allowed by SAM" in s.message or "allowed by Policies" in s.message for s in hit.trace
    )


def test_trace_names_every_statement_of_a_combined_method(tmp_path: Path) -> None:
    found = hits(IAM003, sam(tmp_path, fn("Deployer", PASS_ANY)))
    lines = sorted({step.location.start_line for step in found[0].trace})
    assert lines == [13, 16]  # the PassRole statement and the lambda statement


def test_principal_access_rule(tmp_path: Path) -> None:
    found = hits(IAM002, sam(tmp_path, fn("Keys", allow("iam:CreateAccessKey", '"*"'))))
    assert len(found) == 1 and "iam-002" in found[0].message
    assert "outside the project" in found[0].message


def test_pass_role_on_any_role(tmp_path: Path) -> None:
    body = allow("iam:PassRole", '"*"')
    found = hits(IAM005, sam(tmp_path, fn("Fn", body, events=PUBLIC)))
    assert [(h.location.start_line, h.severity) for h in found] == [(14, Severity.CRITICAL)]


def test_pass_role_only_to_one_service_is_lower(tmp_path: Path) -> None:
    condition = (
        "              Condition:\n                StringEquals:\n"
        "                  iam:PassedToService: lambda.amazonaws.com\n"
    )
    body = allow("iam:PassRole", "arn:aws:iam::123456789012:role/*", condition)
    found = hits(IAM005, sam(tmp_path, fn("Fn", body, events=QUEUE)))
    assert [h.severity for h in found] == [Severity.MEDIUM]
    assert "only to lambda.amazonaws.com" in found[0].message


def test_pass_role_on_one_role_or_through_star_is_not_iam005(tmp_path: Path) -> None:
    body = allow("iam:PassRole", "arn:aws:iam::123456789012:role/worker") + allow('"*"', '"*"')
    assert hits(IAM005, sam(tmp_path, fn("Fn", body))) == []


def test_credentials_exposure_leaves_write_actions_to_iac016(tmp_path: Path) -> None:
    body = allow("[secretsmanager:GetSecretValue, sts:AssumeRole]", '"*"')
    found = hits(IAM006, sam(tmp_path, fn("Fn", body)))
    assert len(found) == 1
    assert "secretsmanager:GetSecretValue" in found[0].message
    assert "AssumeRole" not in found[0].message  # write on every resource: IAC016's
    assert found[0].severity is None  # the rule's own: low


def test_credentials_exposure_leaves_service_wildcards_to_iac015(tmp_path: Path) -> None:
    body = allow("secretsmanager:*", '"*"')
    assert hits(IAM006, sam(tmp_path, fn("Fn", body))) == []


def test_credentials_exposure_needs_a_wildcard_resource(tmp_path: Path) -> None:
    body = allow("secretsmanager:GetSecretValue", "arn:aws:secretsmanager:eu-west-1:1:secret:db-*")
    assert hits(IAM006, sam(tmp_path, fn("Fn", body))) == []


def test_resource_exposure(tmp_path: Path) -> None:
    body = allow("[s3:PutObject, s3:PutBucketPolicy]", "arn:aws:s3:::shop-receipts")
    found = hits(IAM007, sam(tmp_path, fn("Fn", body)))
    assert len(found) == 1 and found[0].message.endswith("s3:PutBucketPolicy")


def test_resource_exposure_skips_actions_of_a_reported_path(tmp_path: Path) -> None:
    body = allow("iam:PutRolePolicy", '"*"')
    app = sam(tmp_path, fn("Fn", body))
    assert hits(IAM001, app)
    assert hits(IAM007, app) == []


def test_unreadable_policies(tmp_path: Path) -> None:
    extra = """      Policies:
        - arn:aws:iam::123456789012:policy/legacy
        - AmazonS3FullAccess
        - AWSLambdaBasicExecutionRole
"""
    text = f"""  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: python3.12
      Handler: app.handler
      CodeUri: src/
{extra}"""
    found = hits(IAM008, sam(tmp_path, text))
    assert len(found) == 1  # AmazonS3FullAccess is IAC017's, the basic role is known
    assert "arn:aws:iam::123456789012:policy/legacy" in found[0].message
    assert found[0].location.start_line == 11  # the line attaching it
