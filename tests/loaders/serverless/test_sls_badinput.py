"""Bad input: each problem is reported where it is, and the rest of the file still loads."""

from __future__ import annotations

from faasguard.loaders.serverless import is_serverless_file
from faasguard.model import Unresolved
from tests.loaders.serverless.helpers import load


def test_file_names() -> None:
    assert is_serverless_file("serverless.yml")
    assert is_serverless_file("services/api/serverless.yaml")
    assert is_serverless_file("serverless.json")
    assert not is_serverless_file("serverless.ts")
    assert not is_serverless_file("serverless.js")
    assert not is_serverless_file("my-serverless.yml")
    assert not is_serverless_file("template.yaml")


def test_functions_that_are_not_maps() -> None:
    text = """
    service: s
    provider:
      name: aws
    functions:
      text: just a string
      listed: [a, b]
      unknown: ${ssm:/function}
      good:
        handler: a.a
    """
    loaded = load(text)
    assert set(loaded.app.functions) == {"good"}
    for key in ("text", "listed", "unknown"):
        assert loaded.problem_at(f"function {key!r} should be a map").start_line == loaded.line(
            f"{key}:"
        )


def test_functions_section_of_the_wrong_shape() -> None:
    loaded = load("service: s\nprovider:\n  name: aws\nfunctions: hello\n")
    assert loaded.app.functions == {}
    assert loaded.problem_at("functions should be a map").start_line == loaded.line("hello")


def test_provider_other_than_aws_is_reported_and_skipped() -> None:
    text = """
    service: s
    provider:
      name: azure
    functions:
      f:
        handler: a.a
    """
    loaded = load(text)
    assert loaded.app.functions == {}
    assert loaded.problem_at("'azure' is not supported").start_line == loaded.line("name: azure")


def test_provider_of_the_wrong_shape() -> None:
    loaded = load("service: s\nprovider: [aws]\nfunctions:\n  f:\n    handler: a.a\n")
    assert loaded.problem_at("provider should be a map").start_line == 2
    assert set(loaded.app.functions) == {"f"}


def test_settings_of_the_wrong_type() -> None:
    text = """
    service: s
    provider:
      name: aws
      environment: [A, B]
    functions:
      f:
        handler: a.a
        timeout: soon
        memorySize: [1]
        vpc: sg-1
        url:
          authorizer: cognito
        events:
          - http:
              path: x
              method: get
              authorizer:
                identitySource: method.request.header.Authorization
    """
    loaded = load(text)
    fn = loaded.app.functions["f"]
    assert isinstance(fn.timeout.value if fn.timeout else None, Unresolved)
    assert isinstance(fn.memory.value if fn.memory else None, Unresolved)
    assert fn.vpc is None and fn.environment == {}
    expected = {
        "environment should be a map": "[A, B]",
        "expected a whole number, found soon": "soon",
        "expected a whole number, found [1]": "[1]",
        "vpc should be a map": "sg-1",
        "url authorizer must be aws_iam": "cognito",
        "authorizer needs a name, an arn or a type": "identitySource",
    }
    for fragment, needle in expected.items():
        matches = [p for p in loaded.problems if fragment in p.message]
        assert matches, (fragment, loaded.messages())
        assert matches[0].location.start_line == loaded.line(needle), fragment
    assert fn.triggers[0].auth is not None


def test_unknown_tag_is_reported_and_unresolved() -> None:
    text = "service: s\nprovider:\n  name: aws\n  environment:\n    X: !Secret abc\n"
    text += "functions:\n  f:\n    handler: a.a\n"
    loaded = load(text)
    assert isinstance(loaded.app.functions["f"].environment["X"].value.value, Unresolved)
    assert loaded.problem_at("unknown tag").start_line == loaded.line("!Secret")


def test_deeply_nested_document_loads() -> None:
    depth = 190
    nested = "".join("  " * (i + 1) + f"k{i}:\n" for i in range(depth))
    nested += "  " * (depth + 1) + "leaf: ${self:custom.value}\n"
    text = "service: s\ncustom:\n  value: x\n  deep:\n" + "  " + nested.replace("\n  ", "\n    ")
    text += "provider:\n  name: aws\nfunctions:\n  f:\n    handler: a.a\n"
    loaded = load(text)
    assert set(loaded.app.functions) == {"f"}
    assert loaded.problems == []


def test_empty_sections() -> None:
    text = "service: s\nprovider:\nfunctions:\nresources:\ncustom:\n"
    loaded = load(text)
    assert loaded.app.functions == {} and loaded.problems == []
