"""`faasguard policy` on the command line, and `--diff` against the declared role."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from faasguard.cli.main import main
from faasguard.iam.infer.diff import diff_policy
from faasguard.iam.patterns import Answer
from tests.iam.infer.support import infer_project, write

SHOP = Path(__file__).resolve().parents[3] / "examples" / "shop"

APP = """Transform: AWS::Serverless-2016-10-31
Resources:
  Media:
    Type: AWS::S3::Bucket
  Reader:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: python3.12
      Handler: reader.handler
      CodeUri: src/
      Role: !GetAtt Shared.Arn
      Environment: {Variables: {BUCKET: !Ref Media}}
  Writer:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: python3.12
      Handler: writer.handler
      CodeUri: src/
      Role: !GetAtt Shared.Arn
      Environment: {Variables: {BUCKET: !Ref Media}}
  Shared:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument: {}
      ManagedPolicyArns:
        - arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole
      Policies:
        - PolicyName: app
          PolicyDocument:
            Statement:
              - Effect: Allow
                Action: [s3:GetObject, s3:DeleteObject]
                Resource: !Sub "${Media.Arn}/*"
              - Effect: Allow
                Action: sqs:*
                Resource: "*"
"""
HEAD = "import os, boto3\n\ndef handler(event, context):\n    s3 = boto3.client('s3')\n"
READER = HEAD + "    s3.get_object(Bucket=os.environ['BUCKET'], Key='a')\n"
WRITER = HEAD + "    s3.put_object(Bucket=os.environ['BUCKET'], Key='a', Body=b'')\n"


@pytest.fixture
def app(tmp_path: Path) -> Path:
    return write(tmp_path, {"template.yaml": APP, "src/reader.py": READER, "src/writer.py": WRITER})


def test_diff_judges_a_shared_role_by_what_all_its_functions_need(app: Path) -> None:
    found = infer_project(app)
    reader = next(p for p in found.functions if p.name == "Reader")
    diff = diff_policy(reader, found.functions)
    assert diff.shared_with == ("Writer",)
    patterns = {e.pattern for e in diff.excess}
    assert patterns == {"s3:DeleteObject", "sqs:*"}  # s3:GetObject is Reader's, logs are used
    sqs = next(e for e in diff.excess if e.pattern == "sqs:*")
    assert "sqs:DeleteQueue" in sqs.modifying and sqs.location.path == "template.yaml"
    assert diff.missing == ()
    writer = next(p for p in found.functions if p.name == "Writer")
    lacking = diff_policy(writer, found.functions).missing
    assert [(m.need.action, m.answer) for m in lacking] == [("s3:PutObject", Answer.NO)]


def test_policy_command_prints_the_json_form(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["policy", str(SHOP), "--function", "AdminFunction"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [f["function"] for f in data["functions"]] == ["AdminFunction"]


def test_policy_diff_exits_1_when_a_role_lacks_what_the_code_needs(
    app: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["policy", str(app), "--diff", "--function", "Reader"]) == 0
    assert main(["policy", str(app), "--diff", "--function", "Writer", "--format", "sam"]) == 1
    out = capsys.readouterr().out
    assert "# diff against role Shared, shared with Reader:" in out
    assert "#   missing: s3:PutObject on arn:${AWS::Partition}:s3:::${Media}/a" in out


def test_policy_writes_a_file(app: Path, tmp_path: Path) -> None:
    target = tmp_path / "out.tf"
    assert main(["policy", str(app), "-f", "terraform", "-o", str(target), "-q"]) == 0
    assert 'data "aws_iam_policy_document" "Reader"' in target.read_text()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--function", "Nope"], "no function Nope (functions: Reader, Writer)"),
        (["--format", "text"], None),
    ],
)
def test_misuse_exits_2(
    app: Path, args: list[str], message: str | None, capsys: pytest.CaptureFixture[str]
) -> None:
    if message is None:
        with pytest.raises(SystemExit) as exited:
            main(["policy", str(app), *args])
        assert exited.value.code == 2
        return
    assert main(["policy", str(app), *args]) == 2
    assert message in capsys.readouterr().err


def test_policy_of_a_missing_folder_exits_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["policy", str(tmp_path / "absent")]) == 2
    assert "not a project directory" in capsys.readouterr().err
