"""Principals as the evaluator sees them: managed policies, boundaries, trust, comparison."""

from __future__ import annotations

from pathlib import Path

from faasguard.iam.identity import arn_resolver, broader, policy_of
from faasguard.iam.patterns import Answer
from faasguard.iam.trust import trusts_principal, trusts_service
from tests.iam.loading import LAMBDA_TRUST, sam


def _role(name: str, body: str, trust: str = LAMBDA_TRUST) -> str:
    return f"  {name}:\n    Type: AWS::IAM::Role\n    Properties:\n{trust}{body}"


def test_known_managed_policies_become_statements_at_the_attaching_line(tmp_path: Path) -> None:
    body = (
        "      ManagedPolicyArns:\n"
        "        - !Sub arn:${AWS::Partition}:iam::aws:policy/service-role/"
        "AWSLambdaBasicExecutionRole\n"
        "        - arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess\n"
    )
    app = sam(tmp_path, _role("Worker", body))
    policy = policy_of(app, app.roles["Worker"])
    origins = {s.origin for s in policy.statements}
    assert origins == {"AWS managed policy AWSLambdaBasicExecutionRole"}
    assert {s.loc.start_line for s in policy.statements} == {15}  # the attaching line
    assert [v.text() for v in policy.unreadable] == [
        "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess"
    ]


def test_boundary_from_a_project_policy(tmp_path: Path) -> None:
    boundary = """  Boundary:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      PolicyDocument:
        Statement:
          - Effect: Allow
            Action: s3:*
            Resource: "*"
"""
    body = "      PermissionsBoundary: !Ref Boundary\n"
    app = sam(tmp_path, boundary + _role("Worker", body) + _role("Free", "      Path: /\n"))
    bounded = policy_of(app, app.roles["Worker"])
    assert bounded.boundary is not None and not bounded.boundary_unreadable
    assert bounded.boundary.statements[0].origin == "managed policy Boundary"
    assert policy_of(app, app.roles["Free"]).boundary is None


def test_trust_of_a_service_with_placeholders(tmp_path: Path) -> None:
    trust = LAMBDA_TRUST.replace("lambda.amazonaws.com", "!Sub lambda.${AWS::URLSuffix}")
    app = sam(tmp_path, _role("Worker", "      Path: /\n", trust=trust))
    role = app.roles["Worker"]
    assert trusts_service(role, ["lambda.amazonaws.com"]) is Answer.YES
    assert trusts_service(role, ["ec2.amazonaws.com"]) is Answer.NO


def test_trust_of_another_principal(tmp_path: Path) -> None:
    by_ref = """      AssumeRolePolicyDocument:
        Statement:
          - Effect: Allow
            Principal:
              AWS: !GetAtt Caller.Arn
            Action: sts:AssumeRole
"""
    by_account = by_ref.replace("!GetAtt Caller.Arn", "arn:aws:iam::123456789012:root")
    app = sam(
        tmp_path,
        _role("Caller", "      Path: /\n")
        + _role("Other", "      Path: /\n")
        + _role("ByRef", "      Path: /\n", trust=by_ref)
        + _role("ByAccount", "      Path: /\n", trust=by_account),
    )
    caller, other = app.roles["Caller"], app.roles["Other"]
    assert trusts_principal(app.roles["ByRef"], caller) is Answer.YES
    assert trusts_principal(app.roles["ByRef"], other) is Answer.NO
    assert trusts_principal(app.roles["ByAccount"], other) is Answer.YES
    assert trusts_principal(app.roles["Caller"], other) is Answer.NO  # trusts Lambda only


def test_broader(tmp_path: Path) -> None:
    def inline(actions: str, resource: str) -> str:
        return (
            "      Policies:\n        - PolicyName: p\n          PolicyDocument:\n"
            "            Statement:\n              - Effect: Allow\n"
            f"                Action: {actions}\n                Resource: {resource}\n"
        )

    app = sam(
        tmp_path,
        _role("Wide", inline("s3:*", '"*"'))
        + _role("Narrow", inline("s3:GetObject", "arn:aws:s3:::shop/*"))
        + _role(
            "Admin",
            "      ManagedPolicyArns:\n        - arn:aws:iam::aws:policy/AdministratorAccess\n",
        )
        + _role("Legacy", "      ManagedPolicyArns:\n        - arn:aws:iam::1:policy/legacy\n"),
    )
    resolve = arn_resolver(app)

    def compare(candidate: str, principal: str) -> Answer:
        first, second = (policy_of(app, app.roles[n]) for n in (candidate, principal))
        return broader(first, second, resolve).answer

    assert compare("Wide", "Narrow") is Answer.YES
    assert compare("Narrow", "Wide") is Answer.NO
    assert compare("Narrow", "Narrow") is Answer.NO
    assert compare("Admin", "Wide") is Answer.YES
    assert compare("Wide", "Admin") is Answer.NO
    assert compare("Legacy", "Wide") is Answer.UNKNOWN  # its policy cannot be read
