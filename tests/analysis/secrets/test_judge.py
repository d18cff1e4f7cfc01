"""judge(): which literals are secrets, under which name, and how sure the scanner is."""

from __future__ import annotations

import pytest

from faasguard.analysis.secrets import judge
from faasguard.analysis.secrets.patterns import SecretKind
from faasguard.core.enums import Confidence


@pytest.mark.parametrize(
    ("name", "value", "pattern"),
    [
        (None, "ghp_FAKEfakeFAKEfake00000000000000000000", "github-token"),
        ("note", "token=xoxb-000000000000-000000000000-FIXTUREfixture", "slack-token"),
        (None, "postgres://orders:Sup3rS3cret@db:5432/orders", "credentials-in-url"),
        (None, "whsec_FIXTUREfixtureFIXTUREfixture00", "stripe-webhook-secret"),
        (None, "SK0123456789abcdef0123456789abcdef", "twilio-api-key"),
        (None, "AKIAFAKEFIXTUREKEY23", "aws-access-key-id"),
    ],
)
def test_known_formats_whatever_the_name(name: str | None, value: str, pattern: str) -> None:
    found = judge(name, value)
    assert found is not None and found.kind is SecretKind.FORMAT
    assert found.pattern == pattern and found.confidence is Confidence.HIGH


def test_aws_documentation_examples_are_skipped() -> None:
    assert judge(None, "AKIAIOSFODNN7EXAMPLE") is None
    assert judge("aws_secret_access_key", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY") is None
    # a real-looking key next to the example is still found
    assert judge(None, "AKIAIOSFODNN7EXAMPLE AKIAFAKEFIXTUREKEY23") is not None


@pytest.mark.parametrize(
    "url",
    ["https://user:password@example.com/", "socks5://user:pass@proxy:1080", "x://a:${PW}@h"],
)
def test_placeholder_credentials_in_urls_are_not_secrets(url: str) -> None:
    assert judge(None, url) is None


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("DB_PASSWORD", "Pr0d-Orders-2024!"),
        ("apiKey", "a8Fk2LmQ9xZc"),
        ("client_secret", "s3cr3t-value"),
    ],
)
def test_usable_values_under_secret_names(name: str, value: str) -> None:
    found = judge(name, value)
    assert found is not None and found.kind is SecretKind.NAME
    assert found.confidence is Confidence.MEDIUM


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("TOKEN_HEADER", "X-Api-Token"),
        ("token_use", "access"),
        ("input_token", "NextToken"),
        ("credentials", "include"),
        ("password_prompt", "Enter your password"),
        ("api_key", "[REDACTED]"),
        ("client_token", "123e4567-e89b-12d3-a456-426614174000"),
        ("token_template", "Bearer {token}"),
        ("password_env", "DB_PASSWORD"),
        ("secret", "changeme"),
        ("api_key", "<your api key>"),
        ("password", "${DB_PASSWORD}"),
        ("db_password_arn", "arn:aws:secretsmanager:eu-west-1:123456789012:secret:db-AbCdEf"),
        ("secret_keys", "^_(?:auth|authToken)$"),
    ],
)
def test_values_that_cannot_be_credentials(name: str, value: str) -> None:
    assert judge(name, value) is None


def test_a_plain_word_password_is_reported_with_low_confidence() -> None:
    found = judge("password", "letmein")
    assert found is not None and found.confidence is Confidence.LOW
    assert judge("api_key", "letmein") is None


def test_entropy_only_under_a_name_that_is_not_a_digest() -> None:
    value = "q8Zr2LmX9vKt4NpW7sYb3HcJ6dFg1Ae5"
    found = judge("upstream", value)
    assert found is not None and found.kind is SecretKind.ENTROPY
    assert found.confidence is Confidence.LOW
    assert judge("integrity", value) is None
    assert judge(None, value) is None  # an unnamed literal counts only by format
