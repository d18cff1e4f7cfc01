"""IAC030-IAC039 on hand-built models: unknown values, deduplication, severities."""

from __future__ import annotations

from faasguard.core.enums import Confidence, Severity
from faasguard.core.location import Location
from faasguard.model import EnvVar, Parameter, Ref, ResourceKind, Unresolved, V
from faasguard.rules.iac import (
    bucket_without_customer_key,
    environment_without_customer_key,
    log_group_without_customer_key,
    plaintext_secret_in_environment,
    queue_without_encryption,
    secret_parameter_without_noecho,
    stream_without_encryption,
    table_without_customer_key,
    topic_without_encryption,
)
from faasguard.rules.iac._encryption import name_words
from tests.rules.iac.builders import app, at, function, hits, lines, resource, v

IAC030 = plaintext_secret_in_environment.RULE
IAC031 = secret_parameter_without_noecho.RULE
IAC032 = environment_without_customer_key.RULE
IAC033 = log_group_without_customer_key.RULE
IAC035 = bucket_without_customer_key.RULE
IAC036 = table_without_customer_key.RULE
IAC037 = topic_without_encryption.RULE
IAC038 = queue_without_encryption.RULE
IAC039 = stream_without_encryption.RULE


def env(name: str, value: object, line: int) -> EnvVar:
    return EnvVar(name, at(line), V(value, at(line)))


def test_secret_reported_once_where_written_and_masked() -> None:
    shared = env("DB_PASSWORD", "hunter2-production", 5)
    first, second = function("A", line=10), function("B", line=20)
    first.environment = {"DB_PASSWORD": shared}
    second.environment = {"DB_PASSWORD": shared}
    found = hits(IAC030, app(functions={"A": first, "B": second}))
    assert lines(found) == [5]
    assert "hunter2-production" not in found[0].message
    assert found[0].confidence is Confidence.MEDIUM and found[0].severity is Severity.HIGH


def test_references_and_unknown_values_are_not_secrets() -> None:
    fn = function("Fn")
    fn.environment = {
        "DB_PASSWORD": env("DB_PASSWORD", Ref("DbSecret"), 3),
        "API_TOKEN": env("API_TOKEN", Unresolved("${Token}"), 4),
        "ENABLED_SECRET": env("ENABLED_SECRET", True, 5),
        "PIN_PASSWORD": env("PIN_PASSWORD", 12345678, 6),
    }
    assert lines(hits(IAC030, app(functions={"Fn": fn}))) == [6]


def test_literal_credentials_inside_an_expression_are_reported() -> None:
    fn = function("Fn")
    text = "postgres://app:Pr0dPassw0rd@${Host}:5432/app"
    fn.environment = {"DSN": env("DSN", Unresolved(text, ("Host",)), 7)}
    found = hits(IAC030, app(functions={"Fn": fn}))
    assert lines(found) == [7] and found[0].confidence is Confidence.HIGH
    assert "Pr0dPassw0rd" not in found[0].message


def parameter(
    name: str, default: object = None, no_echo: object = None, type_: str = "String"
) -> Parameter:
    return Parameter(
        name,
        at(2),
        type_,
        V(default, at(3)) if default is not None else None,
        V(no_echo, at(4)) if no_echo is not None else None,
    )


def test_parameters_masked_unknown_or_store_typed_are_fine() -> None:
    model = app(
        parameters={
            "DbPassword": parameter("DbPassword", "s3cret-value"),
            "ApiToken": parameter("ApiToken"),
            "Masked": parameter("ClientSecret", no_echo=True),
            "Maybe": parameter("WebhookSecret", no_echo=Unresolved("${Echo}")),
            "Ssm": parameter("DbPasswordValue", "/x", type_="AWS::SSM::Parameter::Value<String>"),
            "Placeholder": parameter("SmtpPassword", "changeme"),
        }
    )
    found = {h.resource: h.severity or IAC031.severity for h in hits(IAC031, model)}
    assert found == {
        "DbPassword": Severity.HIGH,
        "ApiToken": Severity.MEDIUM,
        "SmtpPassword": Severity.MEDIUM,
    }


def test_environment_key_unknown_is_not_reported() -> None:
    fn = function("Fn", line=9)
    fn.environment = {"API_KEY": env("API_KEY", Ref("Secret"), 10)}
    fn.env_kms_key = V(Unresolved("${KeyArn}"), at(11))
    assert hits(IAC032, app(functions={"Fn": fn})) == []
    fn.env_kms_key = None
    assert lines(hits(IAC032, app(functions={"Fn": fn}))) == [9]


def test_name_words_split_camel_case_and_plurals() -> None:
    assert name_words("CustomerPIIBucket") == {"customer", "pii", "bucket"}
    assert name_words("payments-archive_2024") == {"payment", "archive", "2024"}


def test_bucket_severity_is_honest_about_defaults() -> None:
    model = app(
        resources={
            "PatientScans": resource("PatientScans", ResourceKind.BUCKET),
            "Assets": resource("Assets", ResourceKind.BUCKET),
            "CardVault": resource("CardVault", ResourceKind.BUCKET, encryption=v("aws:kms", 61)),
            "UserKeyed": resource("UserKeyed", ResourceKind.BUCKET, kms_key=v("alias/users", 62)),
            "UserUnknown": resource(
                "UserUnknown", ResourceKind.BUCKET, encryption=V(Unresolved("${Algo}"), at(63))
            ),
        }
    )
    found = {h.resource: h.severity for h in hits(IAC035, model)}
    assert found == {"PatientScans": Severity.LOW, "CardVault": Severity.INFO}
    every = {h.resource for h in hits(IAC035, model, **{"require-customer-key": True})}
    assert every == {"PatientScans", "CardVault", "Assets"}
    custom = {h.resource for h in hits(IAC035, model, **{"sensitive-words": ["asset"]})}
    assert custom == {"Assets"}


def test_table_sse_switch() -> None:
    model = app(
        resources={
            "Users": resource("Users", ResourceKind.TABLE, encrypted=v(False, 61)),
            "Members": resource("Members", ResourceKind.TABLE, encrypted=v(True, 62)),
            "Accounts": resource(
                "Accounts", ResourceKind.TABLE, encrypted=V(Unresolved("${On}"), at(63))
            ),
        }
    )
    found = {h.resource: (h.severity, h.location.start_line) for h in hits(IAC036, model)}
    assert found == {"Users": (Severity.LOW, 61), "Members": (Severity.INFO, 62)}


def test_topic_queue_and_stream_defaults() -> None:
    model = app(
        resources={
            "Orders": resource("Orders", ResourceKind.TOPIC),
            "PaymentTopic": resource("PaymentTopic", ResourceKind.TOPIC),
            "Managed": resource("Managed", ResourceKind.TOPIC, kms_key=v("alias/aws/sns")),
            "Jobs": resource("Jobs", ResourceKind.QUEUE),
            "Off": resource("Off", ResourceKind.QUEUE, encrypted=v(False, 64)),
            "Unknown": resource(
                "Unknown", ResourceKind.QUEUE, encrypted=V(Unresolved("${Sse}"), at(65))
            ),
            "Clicks": resource("Clicks", ResourceKind.STREAM),
            "Kms": resource(
                "Kms", ResourceKind.STREAM, encryption=v("KMS"), kms_key=v("alias/aws/kinesis")
            ),
        }
    )
    topics = {h.resource: h.severity for h in hits(IAC037, model)}
    assert topics == {"Orders": Severity.LOW, "PaymentTopic": Severity.MEDIUM}
    queues = {h.resource: h.location.start_line for h in hits(IAC038, model)}
    assert queues == {"Off": 64}
    assert {h.resource for h in hits(IAC039, model)} == {"Clicks"}


def test_log_group_of_a_function_handling_secrets_looks_sensitive() -> None:
    fn = function("Worker")
    fn.environment = {"SMTP_PASSWORD": env("SMTP_PASSWORD", Ref("Secret"), 3)}
    fn.log_group = "WorkerLogs"
    model = app(
        functions={"Worker": fn},
        resources={
            "WorkerLogs": resource("WorkerLogs", ResourceKind.LOG_GROUP),
            "OtherLogs": resource("OtherLogs", ResourceKind.LOG_GROUP),
        },
    )
    found = hits(IAC033, model)
    assert [h.resource for h in found] == ["WorkerLogs"]
    assert "Worker, which handles secrets" in found[0].message


def test_locations_point_at_the_setting() -> None:
    queue = resource("Q", ResourceKind.QUEUE, encrypted=V(False, Location("t.yaml", 42, 7)))
    found = hits(IAC038, app(resources={"Q": queue}))
    assert found[0].location == Location("t.yaml", 42, 7)
