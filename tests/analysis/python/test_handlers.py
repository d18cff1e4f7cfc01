"""Entry points: from the template's Handler, and by shape where no template maps the code."""

from __future__ import annotations

from faasguard.analysis.python.handlers import Framework
from faasguard.analysis.python.taint import TaintResult
from tests.analysis.python.conftest import Analyse


def entries(result: TaintResult) -> dict[str, tuple[str, bool, tuple[str, ...]]]:
    return {
        e.key: (e.framework.value, e.declared, tuple(p for p, _ in e.sources))
        for e in result.entries
    }


def test_handler_from_the_template_and_nothing_else_in_its_module(analyse: Analyse) -> None:
    result = analyse(
        {
            "template.yaml": """
            Transform: AWS::Serverless-2016-10-31
            Resources:
              Fn:
                Type: AWS::Serverless::Function
                Properties:
                  Runtime: python3.12
                  Handler: pkg.main.run
                  CodeUri: code/
            """,
            "code/pkg/__init__.py": "",
            "code/pkg/main.py": """
            def run(payload, ctx):
                return process(payload, ctx)

            def process(event, context):
                return event
            """,
        }
    )
    assert entries(result) == {"code/pkg/main.py::run": ("lambda", True, ("payload",))}
    (entry,) = result.entries
    assert [f.id for f in entry.functions] == ["Fn"]


def test_handlers_by_shape(analyse: Analyse) -> None:
    result = analyse(
        {
            "a.py": """
            def handler(event, context): ...

            async def async_handler(event, context): ...

            def main(req, _): ...

            def process(data, c): ...

            def named_anything(payload, meta):
                return payload["queryStringParameters"]

            def uses_context(x, y):
                return y.aws_request_id

            def add(a, b):
                return a + b

            class Service:
                def handle(self, event, context): ...
            """
        }
    )
    assert set(entries(result)) == {
        "a.py::handler",
        "a.py::async_handler",
        "a.py::main",
        "a.py::process",
        "a.py::named_anything",
        "a.py::uses_context",
    }


def test_framework_entries(analyse: Analyse) -> None:
    result = analyse(
        {
            "chalice_app.py": """
            from chalice import Chalice
            app = Chalice(app_name="x")

            @app.route("/items/{item_id}")
            def item(item_id): ...

            @app.on_s3_event(bucket="b")
            def uploaded(event): ...
            """,
            "flask_app.py": """
            from flask import Flask
            app = Flask(__name__)

            @app.route("/users/<int:user_id>/<name>")
            def user(user_id, name): ...
            """,
            "fastapi_app.py": """
            from fastapi import FastAPI
            app = FastAPI()

            @app.get("/q")
            def query(page: int, term: str): ...
            """,
            "pt.py": """
            from aws_lambda_powertools.event_handler import APIGatewayRestResolver
            app = APIGatewayRestResolver()

            @app.post("/orders/<order_id>")
            def create(order_id): ...
            """,
            "azure_app.py": """
            import azure.functions as func
            app = func.FunctionApp()

            @app.route(route="hello")
            def hello(req: func.HttpRequest) -> func.HttpResponse: ...

            def classic(req: func.HttpRequest): ...
            """,
            "gcp.py": """
            import functions_framework

            @functions_framework.cloud_event
            def on_event(cloud_event): ...
            """,
        }
    )
    assert entries(result) == {
        "chalice_app.py::item": ("chalice", False, ("item_id",)),
        "chalice_app.py::uploaded": ("chalice", False, ("event",)),
        "flask_app.py::user": ("flask", False, ("name",)),
        "fastapi_app.py::query": ("fastapi", False, ("term",)),
        "pt.py::create": ("powertools", False, ("order_id",)),
        "azure_app.py::hello": ("azure", False, ("req",)),
        "azure_app.py::classic": ("azure", False, ("req",)),
        "gcp.py::on_event": ("gcp", False, ("cloud_event",)),
    }
    assert Framework.LAMBDA not in {e.framework for e in result.entries}


def test_validating_decorator_lowers_confidence(analyse: Analyse) -> None:
    result = analyse(
        {
            "app.py": """
            import os
            from aws_lambda_powertools.utilities.validation import validator

            SCHEMA = {"type": "object"}

            @validator(inbound_schema=SCHEMA)
            def handler(event, context):
                os.system("echo " + event["name"])
            """
        }
    )
    (flow,) = result.flows
    assert flow.validated
