"""Privilege-escalation paths, one group of tests per category of method, plus the resource
and condition constraint cases BishopFox's iam-vulnerable uses to test such tools (rewritten
here as SAM and Terraform projects: fp = must not fire, fn = must fire)."""

from __future__ import annotations

from pathlib import Path

from faasguard.core.enums import Confidence
from faasguard.iam.methods import PrivescCategory, methods
from faasguard.iam.patterns import Answer
from faasguard.iam.privesc import Path as PrivescPath
from faasguard.iam.privesc import privesc_paths
from faasguard.model import App
from tests.iam.loading import LAMBDA_TRUST, load_app, sam


def paths(app: App, principal: str) -> dict[str, PrivescPath]:
    return {p.method.id: p for p in privesc_paths(app) if p.principal.id == principal}


def function(name: str, statements: str, extra: str = "") -> str:
    return f"""  {name}:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: python3.12
      Handler: app.handler
      CodeUri: src/
{extra}      Policies:
        - Statement:
{statements}"""


def allow(action: str, resource: str, key: str = "Action") -> str:
    """One Allow statement of a SAM `Policies` list."""
    return (
        f"            - Effect: Allow\n              {key}: {action}\n"
        f"              Resource: {resource}\n"
    )


def role(name: str, extra: str, trust: str = LAMBDA_TRUST) -> str:
    return f"""  {name}:
    Type: AWS::IAM::Role
    Properties:
{trust}{extra}"""


ADMIN = "      ManagedPolicyArns:\n        - arn:aws:iam::aws:policy/AdministratorAccess\n"
EC2_TRUST = LAMBDA_TRUST.replace("lambda.amazonaws.com", "ec2.amazonaws.com")


def test_the_data_has_81_methods_in_four_categories() -> None:
    found = methods()
    assert len(found) == 81
    assert {m.category for m in found} == set(PrivescCategory)
    lambda_001 = next(m for m in found if m.id == "lambda-001")
    assert lambda_001.actions == ("iam:PassRole", "lambda:CreateFunction", "lambda:InvokeFunction")
    assert lambda_001.pass_to == ("lambda.amazonaws.com",)


# ---------------------------------------------------------------- self-escalation


def test_self_escalation_put_role_policy_on_any_role(tmp_path: Path) -> None:
    app = sam(
        tmp_path,
        function(
            "Fn",
            """            - Effect: Allow
              Action: iam:PutRolePolicy
              Resource: !Sub arn:aws:iam::${AWS::AccountId}:role/*
""",
        ),
    )
    found = paths(app, "FnRole")
    assert found["iam-005"].confidence is Confidence.HIGH
    grant = found["iam-005"].steps[0].grants[0]
    assert grant.location.start_line == 13  # the Action line


def test_self_escalation_not_when_scoped_to_other_roles(tmp_path: Path) -> None:
    app = sam(
        tmp_path,
        role(
            "TenantAdmin",
            """      RoleName: tenant-admin
      Policies:
        - PolicyName: tenants
          PolicyDocument:
            Statement:
              - Effect: Allow
                Action: [iam:PutRolePolicy, iam:AttachRolePolicy]
                Resource: arn:aws:iam::123456789012:role/tenants/*
""",
        ),
    )
    assert not [
        m for m, p in paths(app, "TenantAdmin").items() if p.method.id in ("iam-005", "iam-009")
    ]


def test_self_escalation_removed_by_deny(tmp_path: Path) -> None:
    app = sam(
        tmp_path,
        function(
            "Fn",
            """            - Effect: Allow
              Action: iam:*
              Resource: "*"
            - Effect: Deny
              Action: [iam:Put*, iam:Attach*, iam:CreatePolicyVersion, iam:SetDefaultPolicyVersion]
              Resource: "*"
""",
        ),
    )
    found = paths(app, "FnRole")
    assert "iam-005" not in found and "iam-009" not in found
    assert "iam-012" in found  # UpdateAssumeRolePolicy is not denied


def test_self_escalation_user_with_policy_variable(tmp_path: Path) -> None:
    app = sam(
        tmp_path,
        """  Ci:
    Type: AWS::IAM::User
    Properties:
      Policies:
        - PolicyName: self
          PolicyDocument:
            Statement:
              - Effect: Allow
                Action: [iam:PutUserPolicy, iam:CreateAccessKey]
                Resource: arn:aws:iam::*:user/${aws:username}
""",
    )
    found = paths(app, "Ci")
    assert "iam-007" in found  # its own user policy
    assert "iam-002" not in found  # access keys only for itself: no other principal


def test_self_escalation_own_customer_managed_policy(tmp_path: Path) -> None:
    app = sam(
        tmp_path,
        """  WorkerPolicy:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      ManagedPolicyName: worker
      PolicyDocument:
        Statement:
          - Effect: Allow
            Action: iam:CreatePolicyVersion
            Resource: !Sub arn:aws:iam::${AWS::AccountId}:policy/worker
"""
        + role("Worker", "      ManagedPolicyArns:\n        - !Ref WorkerPolicy\n"),
    )
    assert "iam-001" in paths(app, "Worker")


def test_deleting_a_boundary_needs_a_boundary(tmp_path: Path) -> None:
    statements = """              - Effect: Allow
                Action: iam:DeleteRolePermissionsBoundary
                Resource: "*"
"""
    policies = (
        "      Policies:\n        - PolicyName: p\n          PolicyDocument:\n"
        "            Statement:\n"
    )
    bounded = "      PermissionsBoundary: arn:aws:iam::123456789012:policy/boundary\n"
    app = sam(
        tmp_path,
        role("Bounded", bounded + policies + statements) + role("Free", policies + statements),
    )
    assert "candidate-delete-permissions-boundary" in paths(app, "Bounded")
    assert "candidate-delete-permissions-boundary" not in paths(app, "Free")


# ---------------------------------------------------------------- principal access


def test_principal_access_create_access_key_anywhere(tmp_path: Path) -> None:
    app = sam(
        tmp_path,
        function(
            "Fn",
            allow("iam:CreateAccessKey", "'*'"),
        ),
    )
    path = paths(app, "FnRole")["iam-002"]
    assert path.confidence is Confidence.MEDIUM  # the user it would take over is not in sight
    assert path.steps[0].outside and "outside the project" in path.notes[0]


def test_assume_role_to_a_broader_role_that_trusts_the_principal(tmp_path: Path) -> None:
    trusts_fn = """      AssumeRolePolicyDocument:
        Statement:
          - Effect: Allow
            Principal:
              AWS: !GetAtt FnRole.Arn
            Action: sts:AssumeRole
"""
    assume = allow("sts:AssumeRole", "!GetAtt Admin.Arn")
    app = sam(tmp_path, role("Admin", ADMIN, trust=trusts_fn) + function("Fn", assume))
    path = paths(app, "FnRole")["sts-001"]
    assert path.confidence is Confidence.HIGH and path.steps[0].via == ("Admin",)


def test_assume_role_not_a_path_when_the_role_trusts_only_a_service(tmp_path: Path) -> None:
    assume = allow("sts:AssumeRole", "!GetAtt Admin.Arn")
    app = sam(tmp_path, role("Admin", ADMIN) + function("Fn", assume))
    assert "sts-001" not in paths(app, "FnRole")


# ---------------------------------------------------------------- new resource, passed role

CREATE = """            - Effect: Allow
              Action: [lambda:CreateFunction, lambda:InvokeFunction]
              Resource: "*"
"""


def test_pass_an_admin_role_to_a_new_function(tmp_path: Path) -> None:
    passrole = allow("iam:PassRole", "!GetAtt Admin.Arn")
    app = sam(tmp_path, role("Admin", ADMIN) + function("Deployer", passrole + CREATE))
    path = paths(app, "DeployerRole")["lambda-001"]
    assert path.confidence is Confidence.HIGH
    assert path.key_step.requirement.action == "iam:PassRole" and path.key_step.via == ("Admin",)


def test_fp_non_exploitable_resource_constraint(tmp_path: Path) -> None:
    """The only role it may pass trusts EC2, not Lambda (and it cannot run instances)."""
    passrole = allow("iam:PassRole", "!GetAtt Admin.Arn")
    app = sam(
        tmp_path, role("Admin", ADMIN, trust=EC2_TRUST) + function("Deployer", passrole + CREATE)
    )
    assert not [
        p
        for p in paths(app, "DeployerRole").values()
        if p.method.category is PrivescCategory.NEW_PASSROLE
    ]


def test_not_a_path_when_the_passed_role_is_not_broader(tmp_path: Path) -> None:
    passrole = allow("iam:PassRole", "!GetAtt Worker.Arn")
    basic = (
        "      ManagedPolicyArns:\n"
        "        - arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole\n"
    )
    app = sam(tmp_path, role("Worker", basic) + function("Deployer", passrole + CREATE))
    assert "lambda-001" not in paths(app, "DeployerRole")


def test_fp_non_exploitable_condition_constraint(tmp_path: Path) -> None:
    """PassRole on any role, but only to Lambda: passing to EC2 is not allowed."""
    passrole = """            - Effect: Allow
              Action: iam:PassRole
              Resource: "*"
              Condition:
                StringEquals:
                  iam:PassedToService: lambda.amazonaws.com
            - Effect: Allow
              Action: ec2:RunInstances
              Resource: "*"
"""
    app = sam(tmp_path, function("Fn", passrole))
    assert "ec2-001" not in paths(app, "FnRole")


def test_fn_exploitable_condition_constraint(tmp_path: Path) -> None:
    """A condition the attacker can meet (the region they call) does not stop the path."""
    passrole = """            - Effect: Allow
              Action: iam:PassRole
              Resource: "*"
              Condition:
                StringEquals:
                  aws:RequestedRegion: eu-west-1
"""
    app = sam(tmp_path, function("Fn", passrole + CREATE))
    path = paths(app, "FnRole")["lambda-001"]
    assert path.confidence is Confidence.MEDIUM and path.steps[0].conditional


def test_pass_role_anywhere_is_a_potential_path(tmp_path: Path) -> None:
    passrole = allow("iam:PassRole", "'*'")
    app = sam(tmp_path, function("Fn", passrole + CREATE))
    path = paths(app, "FnRole")["lambda-001"]
    assert path.confidence is Confidence.MEDIUM
    assert path.notes == (
        "a role outside the project that trusts lambda.amazonaws.com and has more permissions",
    )


def test_unknown_role_is_low_confidence(tmp_path: Path) -> None:
    text = """Parameters:
  TargetRoleArn:
    Type: String
Resources:
""" + function(
        "Fn",
        allow("iam:PassRole", "!Ref TargetRoleArn") + CREATE,
    )
    app = load_app(
        tmp_path,
        "template.yaml",
        text.replace("Resources:\n", "Transform: AWS::Serverless-2016-10-31\nResources:\n", 1),
    )
    path = paths(app, "FnRole")["lambda-001"]
    assert path.confidence is Confidence.LOW
    assert path.key_step.answer is Answer.UNKNOWN


def test_fn_actions_split_across_policies(tmp_path: Path) -> None:
    """PassRole inline, CreateFunction in a project managed policy, InvokeFunction from an
    AWS managed policy: the union is the path."""
    app = sam(
        tmp_path,
        """  Extra:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      PolicyDocument:
        Statement:
          - Effect: Allow
            Action: lambda:CreateFunction
            Resource: "*"
"""
        + role(
            "Split",
            """      ManagedPolicyArns:
        - !Ref Extra
        - arn:aws:iam::aws:policy/service-role/AWSLambdaRole
      Policies:
        - PolicyName: pass
          PolicyDocument:
            Statement:
              - Effect: Allow
                Action: iam:PassRole
                Resource: "*"
""",
        ),
    )
    path = paths(app, "Split")["lambda-001"]
    origins = {g.statement.origin for s in path.steps for g in s.grants}
    assert origins == {
        "inline policy pass",
        "managed policy Extra",
        "AWS managed policy AWSLambdaRole",
    }


def test_fn_not_action(tmp_path: Path) -> None:
    app = sam(
        tmp_path,
        function(
            "Fn",
            allow("s3:*", '"*"', key="NotAction"),
        ),
    )
    found = paths(app, "FnRole")
    assert {"iam-005", "lambda-001", "lambda-003"} <= set(found)
    assert found["iam-005"].steps[0].grants[0].action is None


# ---------------------------------------------------------------- existing resource's role


def test_update_code_of_a_function_with_a_broader_role(tmp_path: Path) -> None:
    update = allow("lambda:UpdateFunctionCode", "!GetAtt Admin.Arn")
    admin_fn = """  Admin:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: python3.12
      Handler: app.handler
      CodeUri: src/
      Policies:
        - AdministratorAccess
"""
    app = sam(tmp_path, admin_fn + function("Publisher", update))
    path = paths(app, "PublisherRole")["lambda-003"]
    assert path.confidence is Confidence.HIGH and path.steps[0].via == ("Admin",)


def test_update_code_of_its_own_function_is_not_a_path(tmp_path: Path) -> None:
    update = allow("lambda:UpdateFunctionCode", "!GetAtt Publisher.Arn")
    app = sam(tmp_path, function("Publisher", update))
    assert "lambda-003" not in paths(app, "PublisherRole")


def test_update_code_anywhere_is_a_potential_path(tmp_path: Path) -> None:
    update = allow("lambda:UpdateFunctionCode", "'*'")
    app = sam(tmp_path, function("Publisher", update))
    assert paths(app, "PublisherRole")["lambda-003"].confidence is Confidence.MEDIUM


# ---------------------------------------------------------------- nothing to escalate, or unknown


def test_administrators_have_no_paths(tmp_path: Path) -> None:
    app = sam(tmp_path, role("Admin", ADMIN))
    assert paths(app, "Admin") == {}


def test_unreadable_policy_alone_is_no_path(tmp_path: Path) -> None:
    app = sam(
        tmp_path,
        role(
            "Legacy",
            "      ManagedPolicyArns:\n        - arn:aws:iam::123456789012:policy/legacy\n",
        ),
    )
    assert paths(app, "Legacy") == {}


def test_terraform_group_and_pass_role(tmp_path: Path) -> None:
    text = (Path(__file__).parent / "data_group_and_pass_role.tf").read_text("utf-8")
    app = load_app(tmp_path, "main.tf", text)
    assert "iam-010" in paths(app, "aws_iam_group.ops")
    path = paths(app, "aws_iam_role.deployer")["lambda-001"]
    assert path.key_step.via == ("aws_iam_role.admin",)
