"""secret_scan() over small projects: where secrets are found, what is left to the IaC rules,
AWS key pairs, key files, comments, test folders, and files that are skipped."""

from __future__ import annotations

from pathlib import Path

from faasguard.analysis.secrets import FoundSecret, SecretSite, secret_scan
from faasguard.core.enums import Confidence, Severity
from faasguard.rules.secrets._report import message
from tests.analysis.secrets.helpers import project_of

GITHUB = "ghp_FAKEfakeFAKEfake00000000000000000000"
PEM_BEGIN = "-----BEGIN PRIVATE KEY-----"


def _found(
    tmp_path: Path, files: dict[str, str | bytes], templates: bool = False
) -> list[FoundSecret]:
    return list(secret_scan(project_of(tmp_path, files, templates=templates)))


def _where(found: list[FoundSecret]) -> set[tuple[str, int, SecretSite]]:
    return {(f.location.path, f.location.start_line, f.site) for f in found}


def test_code_file_and_private_key_sites(tmp_path: Path) -> None:
    found = _found(
        tmp_path,
        {
            "app.py": f'TOKEN = "{GITHUB}"\n',
            "config/app.yaml": f"github:\n  token: {GITHUB}\n",
            "keys/signing.key": f"{PEM_BEGIN}\nMIIfixture\n-----END PRIVATE KEY-----\n",
        },
    )
    assert _where(found) == {
        ("app.py", 1, SecretSite.CODE),
        ("config/app.yaml", 2, SecretSite.FILE),
        ("keys/signing.key", 1, SecretSite.PRIVATE_KEY),
    }


def test_secret_in_a_python_comment(tmp_path: Path) -> None:
    found = _found(tmp_path, {"app.py": f'x = "plain"  # old token {GITHUB}\n'})
    assert [(f.location.start_line, f.context) for f in found] == [(1, "comment")]


def test_a_literal_is_reported_once(tmp_path: Path) -> None:
    found = _found(tmp_path, {"app.py": f'CONFIG = {{"github_token": "{GITHUB}"}}\n'})
    assert len(found) == 1 and found[0].pattern == "github-token"


def test_aws_key_id_with_its_secret_key_is_critical(tmp_path: Path) -> None:
    found = _found(
        tmp_path,
        {
            "deploy.sh": "export AWS_ACCESS_KEY_ID=AKIAFAKEFIXTUREKEY23\n"
            "echo configuring\n"
            "aws configure set aws_secret_access_key fIxTuReX/sEcReTkEy+NoTrEaL0123456789abcd\n",
        },
    )
    by_line = {f.location.start_line: f for f in found}
    assert set(by_line) == {1, 3}
    assert all(f.severity is Severity.CRITICAL for f in found)
    assert all(f.confidence is Confidence.HIGH for f in found)
    assert by_line[1].paired_line == 3 and by_line[3].paired_line == 1
    assert by_line[3].description == "an AWS secret access key"


def test_aws_key_id_alone_is_high(tmp_path: Path) -> None:
    found = _found(tmp_path, {"notes.txt": "key: AKIAFAKEFIXTUREKEY23\n"})
    assert [(f.severity, f.paired_line) for f in found] == [(Severity.HIGH, None)]


def test_values_the_iac_rules_report_are_left_to_them(tmp_path: Path) -> None:
    template = """Transform: AWS::Serverless-2016-10-31
Parameters:
  ApiToken:
    Type: String
    Default: tok_8f7a6b5c4d3e2f1a
Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: python3.12
      Handler: app.handler
      CodeUri: .
      Environment:
        Variables:
          DB_PASSWORD: hunter2-production
  Db:
    Type: AWS::RDS::DBInstance
    Properties:
      MasterUserPassword: Sup3rS3cret-DB
"""
    found = _found(tmp_path, {"template.yaml": template}, templates=True)
    assert _where(found) == {("template.yaml", 19, SecretSite.FILE)}


def test_key_store_and_key_files_by_name(tmp_path: Path) -> None:
    found = _found(
        tmp_path,
        {"certs/client.p12": b"\x30\x82\x00\x00binary", "ssh/id_rsa": "not a pem block\n"},
    )
    assert {(f.location.path, f.description) for f in found} == {
        ("certs/client.p12", "a key store file"),
        ("ssh/id_rsa", "a private key file"),
    }
    assert all(f.site is SecretSite.PRIVATE_KEY for f in found)


def test_binary_lock_and_dependency_files_are_skipped_without_errors(tmp_path: Path) -> None:
    project = project_of(
        tmp_path,
        {
            "logo.png": b"\x89PNG\r\n" + GITHUB.encode(),
            "data.bin": b"\x00\x01" + GITHUB.encode(),
            "package-lock.json": f'{{"token": "{GITHUB}"}}\n',
            "node_modules/lib/index.js": f'const t = "{GITHUB}";\n',
            "vendor/site-packages/x/conf.py": f'T = "{GITHUB}"\n',
        },
    )
    assert secret_scan(project) == ()
    assert project.context.problems == []


def test_test_folders_and_example_values_get_low_confidence(tmp_path: Path) -> None:
    found = _found(
        tmp_path,
        {
            "tests/test_app.py": f'TOKEN = "{GITHUB}"\n',
            "app.py": 'KEY = "sk_live_EXAMPLE0000000000000000"\n',
        },
    )
    assert {f.location.path: f.confidence for f in found} == {
        "tests/test_app.py": Confidence.LOW,
        "app.py": Confidence.LOW,
    }


def test_npmrc_registry_scoped_tokens(tmp_path: Path) -> None:
    found = _found(
        tmp_path,
        {
            ".npmrc": "//registry.example.com/:_authToken=a8Fk2LmQ9xZc7Tq\n"
            "//npm.pkg.github.com/:_authToken=${NPM_TOKEN}\n"
            "//registry.example.com/:_password=UzNjcjN0LVBhNTU=\n"
        },
    )
    assert sorted(f.location.start_line for f in found) == [1, 3]


def test_hcl_expressions_are_not_literals(tmp_path: Path) -> None:
    found = _found(
        tmp_path,
        {"main.tf": 'password = var.db_password\nmaster_password = "Sup3rS3cret-DB"\n'},
    )
    assert [f.location.start_line for f in found] == [2]


def test_messages_never_show_the_secret(tmp_path: Path) -> None:
    secret = "Pr0d-Orders-2024!-very-long-password"
    found = _found(tmp_path, {".env": f"DB_PASSWORD={secret}\n"})
    assert len(found) == 1
    text = message(found[0], "in a committed file")
    assert secret not in text and secret[4:12] not in text
    assert "Pr0d" in text and "36 characters" in text
