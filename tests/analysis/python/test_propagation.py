"""Propagation pieces, each on a tiny project: what reaches a sink, from which field, how."""

from __future__ import annotations

from faasguard.analysis.python.taint import TaintResult
from tests.analysis.python.conftest import Analyse


def found(result: TaintResult) -> set[tuple[str, int, str]]:
    return {(f.rule, f.location.start_line, f.source) for f in result.flows}


def lines(result: TaintResult, rule: str) -> set[int]:
    return {f.location.start_line for f in result.flows if f.rule == rule}


def test_field_level_source_and_trace_through_a_helper(analyse: Analyse) -> None:
    result = analyse(
        {
            "app.py": """
            import json
            from helpers import run

            def handler(event, context):
                body = json.loads(event["body"])
                return run(body["cmd"])
            """,
            "helpers.py": """
            import os

            def run(command):
                line = "sh -c " + command
                return os.system(line)
            """,
        }
    )
    assert found(result) == {("PY003", 6, "event['body']['cmd']")}
    flow = result.flows[0]
    assert flow.location.path == "helpers.py"
    steps = [(s.location.path, s.location.start_line) for s in flow.steps]
    assert steps == [
        ("app.py", 5),  # the handler's event
        ("app.py", 6),  # body = json.loads(...)
        ("app.py", 7),  # passed to run()
        ("helpers.py", 5),  # line = ...
        ("helpers.py", 6),  # the sink
    ]


def test_constant_keys_keep_stored_values_apart(analyse: Analyse) -> None:
    result = analyse(
        {
            "app.py": """
            import os

            def handler(event, context):
                settings = {"tool": "convert", "target": event["body"]}
                os.system(settings["tool"])
                os.system(settings["target"])
                settings["tool"] = event["headers"]["x-tool"]
                os.system(settings["tool"])
            """
        }
    )
    assert lines(result, "PY003") == {7, 9}


def test_string_building_decoding_and_unpacking(analyse: Analyse) -> None:
    result = analyse(
        {
            "app.py": """
            import base64
            import os
            import urllib.parse

            def handler(event, context):
                raw = base64.b64decode(event["body"]).decode()
                name, _, rest = urllib.parse.unquote(raw).partition(":")
                os.system("a %s" % name)
                os.system("b {}".format(rest))
                os.system(" ".join(["c", name]))
                os.system(f"d {_!r}")
            """
        }
    )
    assert lines(result, "PY003") == {9, 10, 11, 12}


def test_loops_comprehensions_and_augmented_assignment(analyse: Analyse) -> None:
    result = analyse(
        {
            "app.py": """
            import os

            def handler(event, context):
                names = [r["body"] for r in event["Records"] if r["body"]]
                command = "touch"
                for name in names:
                    command += " " + name
                os.system(command)
                count = 0
                for _ in names:
                    count += 1
                os.system("seq " + str(count))
            """
        }
    )
    assert found(result) == {("PY003", 9, "event['Records'][*]['body']")}


def test_class_attributes_and_methods(analyse: Analyse) -> None:
    result = analyse(
        {
            "app.py": """
            import subprocess

            class Converter:
                def __init__(self, source):
                    self.source = source
                    self.size = "64x64"

                def run(self):
                    subprocess.run("convert " + self.source, shell=True)
                    subprocess.run("convert -resize " + self.size, shell=True)

            def handler(event, context):
                Converter(event["queryStringParameters"]["file"]).run()
            """
        }
    )
    assert found(result) == {("PY003", 10, "event['queryStringParameters']['file']")}


def test_keyword_arguments_and_decorators(analyse: Analyse) -> None:
    result = analyse(
        {
            "app.py": """
            import functools
            import os

            def logged(function):
                @functools.wraps(function)
                def wrapper(*args, **kwargs):
                    return function(*args, **kwargs)
                return wrapper

            @logged
            def run(program="ls", **options):
                os.system(program + " " + options.get("flags", ""))

            def handler(event, context):
                run(flags=event["body"])
                run(**{"program": "uptime"})
            """
        }
    )
    assert found(result) == {("PY003", 13, "event['body']")}


def test_constant_conditions_are_folded(analyse: Analyse) -> None:
    result = analyse(
        {
            "app.py": """
            import os

            DEBUG = False

            def handler(event, context):
                command = "uptime"
                if DEBUG:
                    command = event["body"]
                while False:
                    command = event["body"]
                os.system(command)
                os.system(event["body"] if 0 else "date")
            """
        }
    )
    assert result.flows == ()


def test_sanitisers_and_guards(analyse: Analyse) -> None:
    result = analyse(
        {
            "app.py": """
            import os
            import re
            import shlex

            ALLOWED = {"a", "b"}
            NAME = re.compile(r"[a-z]{1,10}")

            def handler(event, context):
                value = event["body"]
                os.system("echo " + shlex.quote(value))
                os.system("seq " + str(int(value)))
                if value in ALLOWED:
                    os.system("run " + value)
                if not NAME.fullmatch(value):
                    return None
                os.system("run " + value)
            """,
            "other.py": """
            import os

            def handler(event, context):
                value = event["body"]
                if value not in ("x", "y"):
                    raise ValueError(value)
                os.system("run " + value)
                other = event["headers"]["x"]
                if other.isdigit():
                    os.system("kill " + other)
                os.system("kill " + other)
            """,
        }
    )
    assert found(result) == {("PY003", 12, "event['headers']['x']")}
    assert {f.location.path for f in result.flows} == {"other.py"}


def test_a_partial_sanitiser_clears_one_category_only(analyse: Analyse) -> None:
    result = analyse(
        {
            "app.py": """
            import os
            import shlex

            def handler(event, context):
                quoted = shlex.quote(event["body"])
                os.system("cat " + quoted)
                open("/tmp/" + quoted)
            """
        }
    )
    assert {(f.rule, f.location.start_line) for f in result.flows} == {("PY007", 8)}


def test_path_containment_needs_a_canonical_path(analyse: Analyse) -> None:
    result = analyse(
        {
            "app.py": """
            import os

            def handler(event, context):
                key = event["Records"][0]["s3"]["object"]["key"]
                raw = os.path.join("/tmp", key)
                canonical = os.path.realpath(raw)
                if canonical.startswith("/tmp/"):
                    open(canonical)
                if raw.startswith("/tmp/"):
                    open(raw)
            """
        }
    )
    assert lines(result, "PY007") == {11}


def test_trusted_fields_are_not_sources(analyse: Analyse) -> None:
    result = analyse(
        {
            "app.py": """
            import os

            def handler(event, context):
                os.system("echo " + event["routeKey"])
                os.system("echo " + event["requestContext"]["accountId"])
                os.system("echo " + event["requestContext"]["http"]["userAgent"])
            """
        }
    )
    assert found(result) == {("PY003", 7, "event['requestContext']['http']['userAgent']")}


def test_lower_risk_and_second_order_sources(analyse: Analyse) -> None:
    result = analyse(
        {
            "app.py": """
            import os
            import pickle

            import boto3

            table = boto3.resource("dynamodb").Table("t")

            def handler(event, context):
                os.system("echo " + event["requestContext"]["authorizer"]["lambda"]["user"])
                item = table.get_item(Key={"id": "1"})["Item"]
                pickle.loads(item["blob"])
            """
        }
    )
    risks = {(f.rule, f.risk.value) for f in result.flows}
    assert risks == {("PY003", "low"), ("PY006", "second-order")}


def test_recursion_reaches_a_fixed_point(analyse: Analyse) -> None:
    result = analyse(
        {
            "app.py": """
            import os

            def walk(node, depth):
                if depth > 3:
                    return node
                return walk(node, depth + 1)

            def ping(value):
                return pong(value)

            def pong(value):
                if value:
                    return value
                return ping(value)

            def handler(event, context):
                os.system(walk(event["body"], 0))
                os.system(ping(event["headers"]["h"]))
            """
        }
    )
    assert lines(result, "PY003") == {18, 19}


def test_validated_models_keep_only_their_string_fields_tainted(analyse: Analyse) -> None:
    result = analyse(
        {
            "app.py": """
            import json
            import os
            from typing import Literal

            from pydantic import BaseModel

            class Order(BaseModel):
                quantity: int
                mode: Literal["fast", "slow"]
                note: str

            def handler(event, context):
                order = Order.model_validate(json.loads(event["body"]))
                os.system(f"seq {order.quantity}")
                os.system("run --" + order.mode)
                os.system("echo " + order.note)
                again = Order(**json.loads(event["body"]))
                os.system("echo " + again.note)
                os.system(f"seq {again.quantity}")
            """
        }
    )
    assert lines(result, "PY003") == {17, 19}


def test_schema_validation_in_place_is_a_sanitiser(analyse: Analyse) -> None:
    result = analyse(
        {
            "app.py": """
            import json
            import os

            import jsonschema

            SCHEMA = {"type": "object"}

            def handler(event, context):
                body = json.loads(event["body"])
                os.system("echo " + body["a"])
                jsonschema.validate(instance=body, schema=SCHEMA)
                os.system("echo " + body["a"])
            """
        }
    )
    assert lines(result, "PY003") == {11}
