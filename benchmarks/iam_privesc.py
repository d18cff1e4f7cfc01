"""Time of the privilege-escalation analysis on a large SAM template.

Run on demand (never in the test suite):

    .venv/bin/python benchmarks/iam_privesc.py                 # 1000 functions
    .venv/bin/python benchmarks/iam_privesc.py --functions 3000

The template has N functions with their SAM-generated roles: most with scoped DynamoDB and S3
statements, one in twenty with iam:PassRole on `*` and lambda:CreateFunction, one in twenty with
lambda:UpdateFunctionCode on `*`, one in fifty with an administrator role of its own (so that
the passed-role and existing-function checks have in-project candidates to compare). It prints
the load time, the time of `privesc_paths` and of the eight IAM rules, and the paths found.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from faasguard.analysis.discovery import discover
from faasguard.analysis.engine import load_unit
from faasguard.core.config import Config
from faasguard.core.rule import RuleContext
from faasguard.iam.privesc import privesc_paths
from faasguard.loaders.base import LoadContext
from faasguard.rules import all_rules

HEADER = 'AWSTemplateFormatVersion: "2010-09-09"\nTransform: AWS::Serverless-2016-10-31\n'


def _function(index: int) -> str:
    if index % 50 == 0:
        policies = "        - AdministratorAccess\n"
    elif index % 20 == 1:
        policies = (
            "        - Statement:\n"
            "            - Effect: Allow\n              Action: iam:PassRole\n"
            '              Resource: "*"\n'
            "            - Effect: Allow\n"
            "              Action: [lambda:CreateFunction, lambda:InvokeFunction]\n"
            '              Resource: "*"\n'
        )
    elif index % 20 == 2:
        policies = (
            "        - Statement:\n"
            "            - Effect: Allow\n              Action: lambda:UpdateFunctionCode\n"
            '              Resource: "*"\n'
        )
    else:
        policies = (
            "        - DynamoDBCrudPolicy:\n            TableName: !Ref Table\n"
            "        - Statement:\n"
            "            - Effect: Allow\n              Action: [s3:GetObject, s3:PutObject]\n"
            f"              Resource: arn:aws:s3:::shop-bucket-{index}/*\n"
        )
    return (
        f"  Fn{index}:\n    Type: AWS::Serverless::Function\n    Properties:\n"
        "      Runtime: python3.12\n      Handler: app.handler\n      CodeUri: src/\n"
        f"      Policies:\n{policies}"
    )


def template(functions: int) -> str:
    body = "".join(_function(i) for i in range(functions))
    return HEADER + "Resources:\n  Table:\n    Type: AWS::Serverless::SimpleTable\n" + body


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--functions", type=int, default=1000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp).resolve()
        (root / "template.yaml").write_text(template(args.functions), encoding="utf-8")
        started = time.perf_counter()
        unit = discover(root, Config()).units[0]
        app = load_unit(unit, LoadContext(root))
        assert app is not None
        loaded = time.perf_counter()
        paths = privesc_paths(app)
        analysed = time.perf_counter()
        rules = [r for r in all_rules() if r.id.startswith("IAM") and r.check is not None]
        hits = sum(len(list(r.check(app, RuleContext(r.options)))) for r in rules if r.check)
        ruled = time.perf_counter()
    print(f"{args.functions} functions, {len(app.roles)} principals")
    print(f"load            {loaded - started:8.3f} s")
    print(f"privesc_paths   {analysed - loaded:8.3f} s  ({len(paths)} paths)")
    print(f"IAM rules       {ruled - analysed:8.3f} s  ({hits} hits)")


if __name__ == "__main__":
    main()
