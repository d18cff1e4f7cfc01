"""Inferred policies as text: JSON (documented, stable), SAM, serverless.yml, Terraform.

The JSON form is ``{"functions": [{"function", "resource", "policy", "reasons",
"unresolved"}]}`` (``docs/policy.md``); with ``--diff`` each entry also has ``"diff"``. The
other forms are snippets to paste: a SAM ``Policies`` block, a serverless.yml
``iamRoleStatements`` block (per-function roles), a Terraform ``aws_iam_policy_document``;
each statement carries comments saying which calls need it and how sure faasguard is.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from enum import Enum
from typing import Any, assert_never

from faasguard.iam.infer.arn import Arn, Pseudo, RefPart, Style
from faasguard.iam.infer.diff import PolicyDiff
from faasguard.iam.infer.needs import Need
from faasguard.iam.infer.policy import FunctionPolicy, PolicyStatement

MAX_REASONS = 3


class PolicyFormat(str, Enum):
    JSON = "json"
    SAM = "sam"
    SERVERLESS = "serverless"
    TERRAFORM = "terraform"


def render(
    policies: Sequence[FunctionPolicy],
    fmt: PolicyFormat,
    diffs: Sequence[PolicyDiff] | None = None,
) -> str:
    if fmt is PolicyFormat.JSON:
        return render_json(policies, diffs)
    if fmt is PolicyFormat.SAM:
        return _yaml(policies, diffs, sam=True)
    if fmt is PolicyFormat.SERVERLESS:
        return _yaml(policies, diffs, sam=False)
    if fmt is PolicyFormat.TERRAFORM:
        return render_terraform(policies, diffs)
    assert_never(fmt)


# ---------------------------------------------------------------------------- JSON
def policy_document(policy: FunctionPolicy, style: Style = Style.JSON) -> dict[str, Any]:
    return {
        "Version": "2012-10-17",
        "Statement": [
            {
                "Effect": "Allow",
                "Action": list(statement.actions),
                "Resource": [arn.render(style) for arn in statement.resources],
            }
            for statement in policy.statements
        ],
    }


def function_entry(policy: FunctionPolicy) -> dict[str, Any]:
    reasons = []
    seen: set[tuple[str, str, str, int]] = set()
    for need in sorted(policy.needs, key=_need_order):
        key = (need.action, need.resource.render(), need.location.path, need.location.start_line)
        if key in seen:
            continue
        seen.add(key)
        reasons.append(
            {
                "action": need.action,
                "resource": key[1],
                "path": need.location.path,
                "line": need.location.start_line,
                "confidence": need.confidence.value,
            }
        )
    unresolved = [
        {"message": gap.message, "path": gap.location.path, "line": gap.location.start_line}
        for gap in policy.gaps
    ]
    return {
        "function": policy.name,
        "resource": policy.resource,
        "policy": policy_document(policy),
        "reasons": reasons,
        "unresolved": unresolved,
    }


def render_json(
    policies: Sequence[FunctionPolicy], diffs: Sequence[PolicyDiff] | None = None
) -> str:
    entries = []
    for index, policy in enumerate(policies):
        entry = function_entry(policy)
        if diffs is not None:
            entry["diff"] = diffs[index].as_json()
        entries.append(entry)
    return json.dumps({"functions": entries}, indent=2) + "\n"


def _need_order(need: Need) -> tuple[str, str, int, str]:
    return (need.action, need.location.path, need.location.start_line, need.resource.render())


# ---------------------------------------------------------------------------- YAML
def _yaml(
    policies: Sequence[FunctionPolicy], diffs: Sequence[PolicyDiff] | None, *, sam: bool
) -> str:
    lines: list[str] = []
    for index, policy in enumerate(policies):
        lines.append(
            f"# {policy.name} ({_where(policy)}): least-privilege policy inferred by faasguard"
        )
        lines.extend(_comment_gaps(policy, "# "))
        if diffs is not None:
            lines.extend(f"# {line}" for line in diffs[index].summary())
        if sam:
            lines += [f"{policy.resource}:", "  Properties:", "    Policies:", "      - Statement:"]
            indent = " " * 10
        else:
            lines += [
                "functions:",
                f"  {policy.resource}:",
                "    iamRoleStatements:  # serverless-iam-roles-per-function",
            ]
            indent = " " * 6
        if not policy.statements:
            lines.append(f"{indent}[]")
        for statement in policy.statements:
            lines.extend(_yaml_statement(policy, statement, indent))
        lines.append("")
    return "\n".join(lines)


def _yaml_statement(policy: FunctionPolicy, statement: PolicyStatement, indent: str) -> list[str]:
    lines = [f"{indent}# {text}" for text in _reasons(policy, statement)]
    lines.append(f"{indent}- Effect: Allow")
    lines.append(f"{indent}  Action:")
    lines.extend(f"{indent}    - {action}" for action in statement.actions)
    lines.append(f"{indent}  Resource:")
    lines.extend(f"{indent}    - {yaml_resource(arn)}" for arn in statement.resources)
    return lines


def yaml_resource(arn: Arn) -> str:
    """A resource in CloudFormation syntax: ``!GetAtt``/``!Ref`` for a whole reference,
    ``!Sub`` when it holds placeholders, else a plain string."""
    ref = arn.single_ref()
    if ref is not None:
        return (
            f"!GetAtt {ref.resource}.{ref.attribute}" if ref.attribute else f"!Ref {ref.resource}"
        )
    text = arn.render(Style.CLOUDFORMATION)
    if arn.literal:
        return json.dumps(text)
    return f"!Sub {json.dumps(text)}"


def _reasons(policy: FunctionPolicy, statement: PolicyStatement) -> list[str]:
    wanted = {(a, r) for a in statement.actions for r in statement.resources}
    texts: list[str] = []
    for need in policy.needs:
        if (need.action, need.resource) not in wanted:
            continue
        text = f"{need.reason} at {need.location.path}:{need.location.start_line}"
        if text not in texts:
            texts.append(text)
    shown = texts[:MAX_REASONS]
    if len(texts) > MAX_REASONS:
        shown.append(f"... and {len(texts) - MAX_REASONS} more")
    return [*shown, f"confidence: {statement.confidence.value}"]


def _comment_gaps(policy: FunctionPolicy, prefix: str) -> list[str]:
    return [
        f"{prefix}unresolved: {gap.message} ({gap.location.path}:{gap.location.start_line})"
        for gap in policy.gaps
    ]


# ---------------------------------------------------------------------------- Terraform
def render_terraform(
    policies: Sequence[FunctionPolicy], diffs: Sequence[PolicyDiff] | None = None
) -> str:
    blocks: list[str] = []
    pseudo: set[Pseudo] = set()
    for index, policy in enumerate(policies):
        lines = [
            f"# {policy.name} ({_where(policy)}): least-privilege policy inferred by faasguard"
        ]
        lines.extend(_comment_gaps(policy, "# "))
        if diffs is not None:
            lines.extend(f"# {line}" for line in diffs[index].summary())
        lines.append(f'data "aws_iam_policy_document" "{_hcl_name(policy.resource)}" {{')
        for statement in policy.statements:
            lines.extend(f"  # {text}" for text in _reasons(policy, statement))
            lines.append("  statement {")
            lines.append('    effect    = "Allow"')
            lines.append(f"    actions   = [{', '.join(json.dumps(a) for a in statement.actions)}]")
            resources = ", ".join(hcl_resource(arn) for arn in statement.resources)
            lines.append(f"    resources = [{resources}]")
            lines.append("  }")
            pseudo.update(
                p for arn in statement.resources for p in arn.parts if isinstance(p, Pseudo)
            )
        lines.append("}")
        blocks.append("\n".join(lines))
    data = [_DATA[p] for p in (Pseudo.PARTITION, Pseudo.REGION, Pseudo.ACCOUNT) if p in pseudo]
    return "\n\n".join([*data, *blocks]) + "\n"


_DATA = {
    Pseudo.PARTITION: 'data "aws_partition" "current" {}',
    Pseudo.REGION: 'data "aws_region" "current" {}',
    Pseudo.ACCOUNT: 'data "aws_caller_identity" "current" {}',
}


def hcl_resource(arn: Arn) -> str:
    ref = arn.single_ref()
    if ref is not None and "." in ref.resource:
        return f"{ref.resource}.{ref.attribute}" if ref.attribute else ref.resource
    if ref is not None:
        return json.dumps(_cfn_ref_text(ref))
    return json.dumps(arn.render(Style.TERRAFORM)).replace("\\u0024", "$")


def _cfn_ref_text(ref: RefPart) -> str:
    return f"${{{ref.resource}.{ref.attribute}}}" if ref.attribute else f"${{{ref.resource}}}"


def _where(policy: FunctionPolicy) -> str:
    path = policy.app.path
    return "Terraform root" if path in ("", ".") else path


def _hcl_name(resource: str) -> str:
    name = resource.rsplit(".", 1)[-1]
    return re.sub(r"[^A-Za-z0-9_]", "_", name) or "function"


__all__ = [
    "PolicyFormat",
    "function_entry",
    "hcl_resource",
    "policy_document",
    "render",
    "render_json",
    "render_terraform",
    "yaml_resource",
]
