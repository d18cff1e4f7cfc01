"""The `# VULN:` markers: well formed, absent from shop-secure, covering the deliberate problems."""

from __future__ import annotations

from pathlib import Path

import pytest
from shop_support import CATEGORIES, EXAMPLES, Marker, iter_markers, marker_files

INSECURE_ROOTS = ("shop", "shop-serverless", "shop-terraform")

# One row per deliberate problem the examples must carry: file, category, text that must be on the
# marked line, and a word the marker's description must contain.
REQUIRED: list[tuple[str, str, str, str]] = [
    # shop/template.yaml: infrastructure
    ("shop/template.yaml", "missing-auth", "GetOrder:", "no authorizer"),
    ("shop/template.yaml", "missing-auth", "Refund:", "admin refund"),
    ("shop/template.yaml", "missing-auth", "AuthType: NONE", "Function URL"),
    ("shop/template.yaml", "missing-auth", "AdminAuthorizer:", "no route uses it"),
    ("shop/template.yaml", "missing-auth", "PartnerStock:", "API key"),
    ("shop/template.yaml", "public-resource-policy", 'Principal: "*"', "SourceArn"),
    (
        "shop/template.yaml",
        "public-resource-policy",
        "SourceArn: !Sub arn:aws:s3:::",
        "SourceAccount",
    ),
    ("shop/template.yaml", "public-resource-policy", 'Principal: "*"', "public-read"),
    ("shop/template.yaml", "public-resource-policy", "PublicAccessBlockConfiguration:", "disabled"),
    ("shop/template.yaml", "public-resource-policy", 'Principal: "*"', "queue policy"),
    ("shop/template.yaml", "broken-access-control", "UserPoolClient:", "custom:role"),
    ("shop/template.yaml", "over-privileged-iam", "Action: dynamodb:*", "dynamodb:*"),
    ("shop/template.yaml", "over-privileged-iam", 'Action: "*"', 'Action "*"'),
    ("shop/template.yaml", "over-privileged-iam", 'Resource: "*"', "write actions"),
    (
        "shop/template.yaml",
        "over-privileged-iam",
        "policy/AdministratorAccess",
        "AdministratorAccess",
    ),
    (
        "shop/template.yaml",
        "over-privileged-iam",
        "Role: !GetAtt SharedAppRole.Arn",
        "queue consumer",
    ),
    ("shop/template.yaml", "secret-in-env-plaintext", "STRIPE_SECRET_KEY: sk_live_", "Stripe"),
    ("shop/template.yaml", "secret-in-env-plaintext", "DB_PASSWORD: ", "password"),
    ("shop/template.yaml", "hardcoded-secret", "StripeWebhookSecret:", "NoEcho"),
    ("shop/template.yaml", "missing-encryption", "OrderQueue:", "KmsMasterKeyId"),
    ("shop/template.yaml", "missing-encryption", "OrderEventsTopic:", "KmsMasterKeyId"),
    ("shop/template.yaml", "insecure-transport", "MediaBucket:", "SecureTransport"),
    ("shop/template.yaml", "missing-logging", "ShopHttpApi:", "AccessLogSettings"),
    ("shop/template.yaml", "missing-logging", "Function:", "Tracing"),
    ("shop/template.yaml", "misconfiguration", "OrdersLogGroup:", "RetentionInDays"),
    ("shop/template.yaml", "missing-dos-limits", "OrdersFunction:", "ReservedConcurrentExecutions"),
    ("shop/template.yaml", "missing-dos-limits", "ShopHttpApi:", "throttling"),
    ("shop/template.yaml", "missing-dos-limits", "Timeout: 300", "API Gateway"),
    ("shop/template.yaml", "missing-dos-limits", "PartnerApi:", "WAF"),
    ("shop/template.yaml", "misconfiguration", "OrderQueue:", "RedrivePolicy"),
    ("shop/template.yaml", "misconfiguration", "Runtime: python3.7", "deprecated"),
    ("shop/template.yaml", "misconfiguration", ":210987654321:layer:", "another AWS account"),
    ("shop/template.yaml", "misconfiguration", 'AllowOrigins: ["*"]', "AllowCredentials"),
    ("shop/template.yaml", "misconfiguration", "Function:", "CodeSigningConfigArn"),
    # shop/src: code
    ("shop/src/reports/app.py", "injection-sql", 'cur.execute(f"SELECT', "f-string"),
    ("shop/src/reports/app.py", "injection-sql", "redshift.execute_statement(", "Redshift"),
    ("shop/src/images/app.py", "injection-command", "shell=True", "S3 object key"),
    ("shop/src/images/app.py", "path-traversal", '"/tmp/" + key', "/tmp/"),  # noqa: S108 - text to find
    ("shop/src/payments/app.py", "ssrf", "requests.get(callback_url", "callback URL"),
    (
        "shop/src/inventory/app.py",
        "deserialization",
        "yaml.load(body, Loader=yaml.Loader)",
        "yaml.load",
    ),
    ("shop/src/orders/app.py", "deserialization", "pickle.loads(", "pickle"),
    ("shop/src/orders/app.py", "injection-code", 'eval(body["discount"]', "discount"),
    ("shop/src/reports/app.py", "hardcoded-secret", 'aws_access_key_id="AKIA', "access key"),
    ("shop/src/payments/app.py", "hardcoded-secret", '"sk_live_', "Stripe"),
    ("shop/src/orders/app.py", "injection-nosql", 'FilterExpression=f"', "FilterExpression"),
    ("shop/src/payments/app.py", "sensitive-data-exposure", "json.dumps(event)", "card number"),
    ("shop/src/orders/app.py", "sensitive-data-exposure", "str(e)", "error text"),
    ("shop/src/orders/app.py", "broken-access-control", "random.choices(", "random"),
    ("shop/src/payments/app.py", "insecure-transport", "verify=False", "TLS"),
    ("shop/src/payments/app.py", "broken-access-control", "if signature and not", "fails open"),
    ("shop/src/payments/requirements.txt", "vulnerable-dependency", "requests==2.25.1", "CVE-"),
    # shop-serverless
    ("shop-serverless/serverless.yml", "missing-auth", "- httpApi:", "no authorizer"),
    ("shop-serverless/serverless.yml", "missing-auth", "- http:", "private: true"),
    ("shop-serverless/serverless.yml", "missing-auth", "url:", "AuthType NONE"),
    ("shop-serverless/serverless.yml", "over-privileged-iam", "Action: dynamodb:*", "dynamodb:*"),
    ("shop-serverless/serverless.yml", "over-privileged-iam", "statements:", "one role"),
    (
        "shop-serverless/serverless.yml",
        "secret-in-env-plaintext",
        "STRIPE_SECRET_KEY: sk_live_",
        "Stripe",
    ),
    ("shop-serverless/serverless.yml", "public-resource-policy", 'Principal: "*"', "queue policy"),
    ("shop-serverless/serverless.yml", "misconfiguration", "runtime: python3.8", "deprecated"),
    ("shop-serverless/src/reports/app.py", "injection-sql", 'cur.execute(f"', "f-string"),
    # shop-terraform
    (
        "shop-terraform/main.tf",
        "missing-auth",
        'route_key = "GET /orders/{id}"',
        "no authorization",
    ),
    ("shop-terraform/main.tf", "missing-auth", 'authorization_type = "NONE"', "Function URL"),
    ("shop-terraform/main.tf", "over-privileged-iam", 'Action = "dynamodb:*"', "dynamodb:*"),
    ("shop-terraform/main.tf", "public-resource-policy", 'principal = "*"', "source_arn"),
    (
        "shop-terraform/main.tf",
        "public-resource-policy",
        "aws_s3_bucket_public_access_block",
        "disabled",
    ),
    (
        "shop-terraform/main.tf",
        "missing-encryption",
        'resource "aws_sqs_queue"',
        "kms_master_key_id",
    ),
    ("shop-terraform/variables.tf", "hardcoded-secret", 'variable "db_password"', "sensitive"),
    ("shop-terraform/src/reports/app.py", "injection-sql", "cur.execute(", "concatenation"),
]


def _markers(root: str) -> list[Marker]:
    return [marker for path in marker_files(EXAMPLES / root) for marker in iter_markers(path)]


@pytest.fixture(scope="module")
def insecure_markers() -> list[Marker]:
    return [marker for root in INSECURE_ROOTS for marker in _markers(root)]


@pytest.mark.parametrize(("relpath", "category", "evidence", "word"), REQUIRED)
def test_required_problem_is_marked(
    insecure_markers: list[Marker], relpath: str, category: str, evidence: str, word: str
) -> None:
    candidates = [
        marker
        for marker in insecure_markers
        if marker.relpath == relpath
        and marker.category == category
        and evidence in marker.target_text
    ]
    assert candidates, f"{relpath}: no {category} marker above a line containing {evidence!r}"
    assert any(word in marker.what for marker in candidates), [m.what for m in candidates]


@pytest.mark.parametrize("root", INSECURE_ROOTS)
def test_insecure_markers_use_known_categories(root: str) -> None:
    markers = _markers(root)
    unknown = sorted({m.category for m in markers} - CATEGORIES)
    assert unknown == []
    # Every insecure variant shows infrastructure and code problems alike.
    assert {"missing-auth", "over-privileged-iam", "injection-sql"} <= {m.category for m in markers}


def test_secure_shop_has_no_markers() -> None:
    files = marker_files(EXAMPLES / "shop-secure")
    assert any(path.name == "template.yaml" for path in files)
    assert [f"{m.relpath}:{m.line}" for path in files for m in iter_markers(path)] == []


def test_marker_points_at_next_code_line(tmp_path: Path) -> None:
    path = tmp_path / "t.yaml"
    path.write_text("a: 1\n# VULN: missing-auth: first\n# VULN: ssrf: second\n\nb: 2\n")
    markers = list(iter_markers(path))
    assert [(m.line, m.category, m.target_line, m.target_text) for m in markers] == [
        (2, "missing-auth", 5, "b: 2"),
        (3, "ssrf", 5, "b: 2"),
    ]


def test_text_mentioning_markers_is_not_a_marker(tmp_path: Path) -> None:
    path = tmp_path / "t.py"
    path.write_text(
        '"""Problems are marked with "# VULN:" comments."""\n# see "# VULN: x"\nx = 1\n'
    )
    assert list(iter_markers(path)) == []


@pytest.mark.parametrize(
    "text",
    [
        "# VULN: no category here\nx = 1\n",
        "# VULN:missing-auth\nx = 1\n",
        "x = 1\n# VULN: ssrf: last\n",
    ],
)
def test_malformed_or_dangling_marker_is_rejected(tmp_path: Path, text: str) -> None:
    path = tmp_path / "t.py"
    path.write_text(text)
    with pytest.raises(ValueError, match="VULN marker"):
        list(iter_markers(path))
