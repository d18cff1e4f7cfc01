"""Finding SDK calls in code: clients however they are created, stored and passed around."""

from __future__ import annotations

import pytest

from tests.iam.infer.support import actions_of, needs_of, sdk_calls, short


def test_aliased_module_and_function_imports() -> None:
    source = """
import boto3 as b3
from boto3 import client as make

queue = b3.client("sqs")
topic = make("sns")

def handler(event, context):
    queue.send_message(QueueUrl="https://sqs.eu-west-1.amazonaws.com/1/jobs", MessageBody="x")
    topic.publish(TopicArn="arn:aws:sns:eu-west-1:1:news", Message="x")
"""
    assert actions_of(source) == {"sqs:SendMessage", "sns:Publish"}


def test_client_stored_on_a_class_and_used_by_its_methods() -> None:
    source = """
import boto3

class Store:
    def __init__(self):
        self.table = boto3.resource("dynamodb").Table("orders")

    def save(self, item):
        self.table.put_item(Item=item)

def handler(event, context):
    Store().save(event)
"""
    needs, _ = needs_of(source)
    assert [(n.action, n.resource.render()) for n in needs] == [
        (
            "dynamodb:PutItem",
            "arn:${AWS::Partition}:dynamodb:${AWS::Region}:${AWS::AccountId}:table/orders",
        )
    ]


def test_client_passed_to_a_helper_and_returned_by_a_factory() -> None:
    source = """
import functools
import boto3

@functools.lru_cache
def s3():
    return boto3.client("s3")

def archive(client, key):
    client.copy_object(Bucket="archive", Key=key, CopySource={"Bucket": "inbox", "Key": key})

def handler(event, context):
    archive(s3(), event["key"])
"""
    needs, _ = needs_of(source)
    found = {(n.action, short(n.resource)) for n in needs}
    assert found == {("s3:GetObject", "inbox/*"), ("s3:PutObject", "archive/*")}


def test_module_global_set_inside_a_function() -> None:
    source = """
import boto3
_client = None

def client():
    global _client
    if _client is None:
        _client = boto3.client("secretsmanager")
    return _client

def handler(event, context):
    return client().get_secret_value(SecretId="prod/db")
"""
    needs, _ = needs_of(source)
    assert [(n.action, n.resource.render()) for n in needs] == [
        (
            "secretsmanager:GetSecretValue",
            "arn:${AWS::Partition}:secretsmanager:${AWS::Region}:${AWS::AccountId}:secret:prod/db-??????",
        )
    ]


def test_sessions_and_their_credentials() -> None:
    source = """
import boto3
mine = boto3.Session().client("kinesis")
theirs = boto3.session.Session(profile_name="partner").client("kinesis")

def handler(event, context):
    mine.put_record(StreamName="clicks", Data=b"x", PartitionKey="k")
    theirs.put_records(StreamName="partner", Records=[])
"""
    needs, gaps = needs_of(source)
    assert {n.action for n in needs} == {"kinesis:PutRecord"}
    assert any("its own credentials" in g.message for g in gaps)


def test_resource_api_objects_collections_and_lazy_loads() -> None:
    source = """
import boto3
s3 = boto3.resource("s3")
ddb = boto3.resource("dynamodb")

def handler(event, context):
    bucket = s3.Bucket("media")
    for summary in bucket.objects.filter(Prefix="tmp/"):
        summary.delete()
    s3.Object("media", "index.html").get()
    return ddb.Table("orders").item_count
"""
    needs, _ = needs_of(source)
    found = {(n.action, short(n.resource)) for n in needs}
    assert found == {
        ("s3:ListBucket", "media"),
        ("s3:DeleteObject", "media/*"),
        ("s3:GetObject", "media/index.html"),
        ("dynamodb:DescribeTable", "table/orders"),
    }


def test_queue_found_by_name_then_used() -> None:
    source = """
import boto3
def handler(event, context):
    queue = boto3.resource("sqs").get_queue_by_name(QueueName="jobs")
    queue.send_message(MessageBody="x")
"""
    needs, _ = needs_of(source)
    assert {(n.action, short(n.resource)) for n in needs} == {
        ("sqs:GetQueueUrl", "jobs"),
        ("sqs:SendMessage", "jobs"),
    }


def test_paginators_and_waiters_map_to_their_operations() -> None:
    source = """
import boto3
ddb = boto3.client("dynamodb")
s3 = boto3.client("s3")

def handler(event, context):
    ddb.get_waiter("table_exists").wait(TableName="orders")
    for page in s3.get_paginator("list_objects_v2").paginate(Bucket="media"):
        pass
"""
    assert actions_of(source) == {"dynamodb:DescribeTable", "s3:ListBucket"}


@pytest.mark.parametrize(
    ("extra", "expected"),
    [
        ("", {"s3:PutObject"}),
        (', ExtraArgs={"ACL": "public-read"}', {"s3:PutObject", "s3:PutObjectAcl"}),
        (', ExtraArgs={"Tagging": "a=b"}', {"s3:PutObject", "s3:PutObjectTagging"}),
    ],
)
def test_transfer_upload_with_extra_arguments(extra: str, expected: set[str]) -> None:
    source = f"""
import boto3
def handler(event, context):
    boto3.client("s3").upload_file("/tmp/x", "media", "x.jpg"{extra})
"""
    assert actions_of(source) == expected


def test_transfer_helpers_on_resources_and_s3transfer() -> None:
    source = """
import boto3
from boto3.s3.transfer import S3Transfer

def handler(event, context):
    boto3.resource("s3").Bucket("media").download_file("a.jpg", "/tmp/a")
    S3Transfer(boto3.client("s3")).upload_file("/tmp/b", "media", "b.jpg")
"""
    needs, _ = needs_of(source)
    assert {(n.action, short(n.resource)) for n in needs} == {
        ("s3:GetObject", "media/a.jpg"),
        ("s3:PutObject", "media/b.jpg"),
    }


@pytest.mark.parametrize(
    ("call", "expected"),
    [
        ('get_object(Bucket="b", Key="k")', {"s3:GetObject"}),
        ('get_object(Bucket="b", Key="k", VersionId=v)', {"s3:GetObject", "s3:GetObjectVersion"}),
        ('put_object(Bucket="b", Key="k", ACL="private")', {"s3:PutObject", "s3:PutObjectAcl"}),
        (
            'delete_object(Bucket="b", Key="k", VersionId=v)',
            {"s3:DeleteObject", "s3:DeleteObjectVersion"},
        ),
        ('head_object(Bucket="b", Key="k")', {"s3:GetObject"}),
        (
            'generate_presigned_url("put_object", Params={"Bucket": "b", "Key": "k"})',
            {"s3:PutObject"},
        ),
        (
            'generate_presigned_url(ClientMethod="get_object", Params={"Bucket": "b", "Key": "k"})',
            {"s3:GetObject"},
        ),
        ('generate_presigned_post("b", "uploads/x")', {"s3:PutObject"}),
    ],
)
def test_conditional_actions_follow_the_parameters(call: str, expected: set[str]) -> None:
    source = f"""
import boto3
def handler(event, context):
    v = event["version"]
    boto3.client("s3").{call}
"""
    assert actions_of(source) == expected


def test_transaction_items_decide_the_actions() -> None:
    source = """
import boto3
def handler(event, context):
    boto3.client("dynamodb").transact_write_items(TransactItems=[
        {"Put": {"TableName": "orders", "Item": {}}},
        {"Delete": {"TableName": "carts", "Key": {}}},
    ])
"""
    needs, _ = needs_of(source)
    assert {(n.action, short(n.resource).rsplit("/", 1)[-1]) for n in needs} == {
        ("dynamodb:PutItem", "orders"),
        ("dynamodb:DeleteItem", "carts"),
    }


def test_powertools_parameters_secrets_and_idempotency() -> None:
    source = """
from aws_lambda_powertools.utilities import parameters
from aws_lambda_powertools.utilities.idempotency import DynamoDBPersistenceLayer, idempotent

store = DynamoDBPersistenceLayer(table_name="idempotency")

@idempotent(persistence_store=store)
def handler(event, context):
    parameters.get_parameter("/shop/feature-flags")
    parameters.get_secret("shop/stripe")
    parameters.DynamoDBProvider(table_name="config").get("limits")
"""
    needs, _ = needs_of(source)
    found = {(n.action, short(n.resource)) for n in needs}
    assert found == {
        ("ssm:GetParameter", "parameter/shop/feature-flags"),
        ("secretsmanager:GetSecretValue", "secret:shop/stripe-??????"),
        ("dynamodb:GetItem", "table/config"),
        *{
            (a, "table/idempotency")
            for a in (
                "dynamodb:GetItem",
                "dynamodb:PutItem",
                "dynamodb:UpdateItem",
                "dynamodb:DeleteItem",
            )
        },
    }


def test_async_clients_in_context_managers() -> None:
    source = """
import aioboto3

async def handler(event, context):
    session = aioboto3.Session()
    async with session.client("s3") as s3:
        await s3.get_object(Bucket="media", Key="a")
"""
    assert actions_of(source) == {"s3:GetObject"}


def test_calls_that_cannot_be_followed_are_reported_not_guessed() -> None:
    source = """
import boto3
def handler(event, context):
    client = boto3.client(event["service"])
    client.delete_table(TableName="x")
    s3 = boto3.client("s3")
    getattr(s3, event["op"])(Bucket="b")
"""
    needs, gaps = needs_of(source)
    assert needs == []
    messages = " / ".join(g.message for g in gaps)
    assert "the service name is computed" in messages
    assert "the method name is computed" in messages


def test_unauthenticated_operations_need_nothing() -> None:
    source = """
import boto3
def handler(event, context):
    boto3.client("cognito-idp").initiate_auth(ClientId="c", AuthFlow="USER_PASSWORD_AUTH")
    boto3.client("sts").get_caller_identity()
"""
    needs, gaps = needs_of(source)
    assert (needs, gaps) == ([], [])


def test_each_call_site_is_located_at_its_line() -> None:
    source = "import boto3\n\ndef handler(event, context):\n"
    source += "    boto3.client('sqs').purge_queue(QueueUrl='q')\n"
    calls = sdk_calls(source)
    assert [(c.label, c.line) for c in calls] == [("sqs.purge_queue", 4)]


def test_botocore_sessions_and_collection_batch_actions() -> None:
    source = """
import boto3
import botocore.session

def handler(event, context):
    botocore.session.get_session().create_client("sqs").purge_queue(QueueUrl="q")
    boto3.resource("s3").Bucket("tmp").objects.all().delete()
"""
    needs, _ = needs_of(source)
    assert {(n.action, short(n.resource)) for n in needs} == {
        ("sqs:PurgeQueue", "q"),
        ("s3:ListBucket", "tmp"),
        ("s3:DeleteObject", "tmp/*"),
    }
