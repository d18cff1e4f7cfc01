"""Derives `src/faasguard/data/privesc.json` and `src/faasguard/data/iam_risky_actions.json`
from the project's shared research data (`../shared/data/iam/`, see NOTICE-privesc.md).

`privesc.json` is the shared consolidation of 81 privilege-escalation methods, unchanged, plus
what the evaluator needs and the sources leave as prose, added under each method's `evaluate`
key (ours) and a top-level `resource_types` (derived from the Service Authorization Reference
extract, MIT, (c) 2024 Cloud Copilot):

- `targets`: for each required action, which resource makes it exploitable: `any` (one the
  attacker creates or chooses), `pass` (a role passed to the method's service), `self` (the
  principal itself, or the group it is in), `own-policy` (a customer managed policy attached to
  it), `broader` (another principal with more permissions), `assume` (a role that trusts the
  principal), `assume-broader` (both), `existing` (an existing resource running with a role
  that has more permissions);
- `pass_to`: the service principals the passed role must trust;
- `principals`: the principal kinds the method applies to (`role`, `user`, `group`);
- `requires`: facts the principal must have (`permissions-boundary`).

Regenerate from the project root with ``.venv/bin/python -m tests.iam.build_privesc_data``;
tests/iam/test_privesc_data.py checks the shipped files still equal the derivation.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
SHARED = ROOT.parent / "shared" / "data" / "iam"
DATA = ROOT / "src" / "faasguard" / "data"
PRIVESC = DATA / "privesc.json"
RISKY = DATA / "iam_risky_actions.json"

ALL = ["role", "user", "group"]
PASS_TO = {
    "apprunner-001": ["tasks.apprunner.amazonaws.com"],
    "bedrock-001": ["bedrock-agentcore.amazonaws.com"],
    "cloudformation-001": ["cloudformation.amazonaws.com"],
    "cloudformation-003": ["cloudformation.amazonaws.com"],
    "cloudformation-004": ["cloudformation.amazonaws.com"],
    "pmapper-cloudformation-updatestack-passrole": ["cloudformation.amazonaws.com"],
    "codebuild-001": ["codebuild.amazonaws.com"],
    "codebuild-004": ["codebuild.amazonaws.com"],
    "datapipeline-001": ["datapipeline.amazonaws.com", "elasticmapreduce.amazonaws.com"],
    "ec2-001": ["ec2.amazonaws.com"],
    "ec2-003": ["ec2.amazonaws.com"],
    "pmapper-ec2-new-instance-profile": ["ec2.amazonaws.com"],
    "pmapper-ec2-associate-instance-profile": ["ec2.amazonaws.com"],
    "pmapper-autoscaling-launchconfig": ["ec2.amazonaws.com"],
    "glue-001": ["glue.amazonaws.com"],
    "glue-003": ["glue.amazonaws.com"],
    "glue-004": ["glue.amazonaws.com"],
    "glue-005": ["glue.amazonaws.com"],
    "glue-006": ["glue.amazonaws.com"],
    "lambda-001": ["lambda.amazonaws.com"],
    "lambda-002": ["lambda.amazonaws.com"],
    "lambda-006": ["lambda.amazonaws.com"],
    "pmapper-lambda-swap-role": ["lambda.amazonaws.com"],
    "sagemaker-001": ["sagemaker.amazonaws.com"],
    "sagemaker-002": ["sagemaker.amazonaws.com"],
    "sagemaker-003": ["sagemaker.amazonaws.com"],
    "candidate-stepfunctions-passrole": ["states.amazonaws.com"],
    "candidate-ssm-automation-passrole": ["ssm.amazonaws.com"],
    "candidate-scheduler-passrole": ["scheduler.amazonaws.com"],
    "pacu-passexistingroletonewcodestarproject": ["codestar.amazonaws.com"],
    **{f"ecs-00{n}": ["ecs-tasks.amazonaws.com"] for n in range(1, 6)},
}
# Targets that differ from the category's default (see `_default_target`).
TARGETS: dict[str, dict[str, str]] = {
    "cloudformation-005": {"*": "existing"},
    "ec2instanceconnect-003": {"ec2:DescribeInstances": "any"},
    "ecs-006": {"ecs:DescribeTasks": "any"},
    "pmapper-lambda-swap-role": {"lambda:*": "any"},
    "pmapper-codebuild-updateproject": {"*": "existing"},
    "iam-001": {"*": "own-policy"},
    "rhino-setexistingdefaultpolicyversion": {"*": "own-policy"},
    "iam-002": {"*": "broader"},
    "iam-003": {"*": "broader"},
    "iam-004": {"*": "broader"},
    "iam-006": {"*": "broader"},
    "iam-012": {"*": "broader"},
    "iam-013": {"*": "broader"},
    "sts-001": {"*": "assume-broader"},
    **{m: {"sts:AssumeRole": "assume"} for m in ("iam-014", "iam-016", "iam-017")},
}
PRINCIPALS = {
    "iam-005": ["role"],
    "iam-009": ["role"],
    "candidate-delete-permissions-boundary": ["role"],
    **{m: ["user", "group"] for m in ("iam-007", "iam-008", "iam-010", "iam-011", "iam-013")},
}
REQUIRES = {"candidate-delete-permissions-boundary": ["permissions-boundary"]}


def _default_target(category: str, action: str) -> str:
    if action == "iam:PassRole":
        return "pass"
    return {
        "new-passrole": "any",
        "existing-passrole": "existing",
        "self-escalation": "self",
        "principal-access": "any",
    }[category]


def _targets(method: dict[str, Any]) -> dict[str, str]:
    overrides = TARGETS.get(method["id"], {})
    result = {}
    for action in method["required_actions"]:
        kind = overrides.get(action)
        if kind is None:
            service = action.split(":")[0]
            kind = overrides.get(f"{service}:*") or overrides.get("*")
        if action == "iam:PassRole":
            kind = "pass"
        result[action] = kind or _default_target(method["category"], action)
    return result


def _evaluation(method: dict[str, Any]) -> dict[str, Any]:
    result: dict[str, Any] = {
        "targets": _targets(method),
        "principals": PRINCIPALS.get(method["id"], ALL),
    }
    if method["needs_passrole"]:
        result["pass_to"] = PASS_TO[method["id"]]
    if method["id"] in REQUIRES:
        result["requires"] = REQUIRES[method["id"]]
    return result


_PLACEHOLDER = re.compile(r"\$\{[^}]*\}")


def resource_types(sar: dict[str, Any], actions: set[str]) -> dict[str, list[str]]:
    """Per action, the ARN patterns of every resource type it can be scoped to (`*` when it
    supports no resource-level permission or the reference does not list it)."""
    found: dict[str, list[str]] = {}
    for action in sorted(actions):
        service, _, name = action.partition(":")
        entry = sar["services"].get(service, {})
        info = entry.get("actions", {}).get(name)
        templates = entry.get("resource_types", {})
        globs = []
        for kind in info[1] if info else []:
            template = templates.get(kind.rstrip("*"))
            if template:
                globs.append(_PLACEHOLDER.sub("*", template))
        found[action] = sorted(set(globs)) or ["*"]
    return found


def derive_privesc(shared: dict[str, Any], sar: dict[str, Any]) -> dict[str, Any]:
    methods = [{**m, "evaluate": _evaluation(m)} for m in shared["methods"]]
    actions = {a for m in methods for a in m["required_actions"]}
    fields = {
        **shared["fields"],
        "evaluate": "ours: how faasguard evaluates the method (tests/iam/build_privesc_data.py)",
    }
    return {
        **{k: v for k, v in shared.items() if k not in ("methods", "fields")},
        "fields": fields,
        "licence": "see NOTICE-privesc.md",
        "resource_types": resource_types(sar, actions),
        "methods": methods,
    }


def derive_risky(shared: dict[str, Any]) -> dict[str, Any]:
    return {
        **shared,
        "licence": "MIT (policy_sentry) / BSD-3-Clause (cloudsplaining); see NOTICE-privesc.md",
    }


def _load(name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((SHARED / name).read_text(encoding="utf-8"))
    return data


def render_privesc() -> str:
    derived = derive_privesc(_load("privesc.json"), _load("sar_actions_compact.json"))
    return json.dumps(derived, indent=1) + "\n"


def render_risky() -> str:
    return json.dumps(derive_risky(_load("risky_actions.json")), indent=1) + "\n"


if __name__ == "__main__":
    PRIVESC.write_text(render_privesc(), encoding="utf-8")
    RISKY.write_text(render_risky(), encoding="utf-8")
    print(f"wrote {PRIVESC} and {RISKY}")
