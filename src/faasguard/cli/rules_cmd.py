"""`faasguard rules` and `faasguard explain RULE`."""

from __future__ import annotations

import json
import sys

from faasguard.rules import all_rules, rule_by_id


def list_rules(fmt: str) -> int:
    rules = all_rules()
    if fmt == "json":
        rows = [
            {
                "id": r.id,
                "name": r.name,
                "category": r.category.value,
                "severity": r.severity.value,
                "cwe": list(r.cwe),
                "summary": r.summary,
            }
            for r in rules
        ]
        sys.stdout.write(json.dumps(rows, indent=2) + "\n")
        return 0
    if fmt == "markdown":
        sys.stdout.write(rules_table_markdown())
        return 0
    width = max(len(r.name) for r in rules)
    for r in rules:
        columns = f"{r.id}  {r.name:<{width}}  {r.severity.value:<8}  {r.category.value:<24}"
        sys.stdout.write(f"{columns}  {r.summary}\n")
    return 0


def rules_table_markdown(link: bool = False) -> str:
    lines = ["| Id | Name | Category | Severity | Summary |", "|---|---|---|---|---|"]
    for r in all_rules():
        rid = f"[{r.id}]({r.id}.md)" if link else r.id
        lines.append(
            f"| {rid} | {r.name} | {r.category.value} | {r.severity.value} | {r.summary} |"
        )
    return "\n".join(lines) + "\n"


def explain(rule_id: str) -> int:
    from faasguard.cli.main import UsageError

    rule = rule_by_id(rule_id)
    if rule is None:
        raise UsageError(f"no rule {rule_id!r}; `faasguard rules` lists them")
    sys.stdout.write(rule_page(rule.id))
    return 0


def rule_page(rule_id: str) -> str:
    rule = rule_by_id(rule_id)
    assert rule is not None
    cwe = ", ".join(f"CWE-{c}" for c in rule.cwe) or "none"
    header = [
        f"# {rule.id} {rule.name}",
        "",
        f"*{rule.summary}*",
        "",
        f"- Category: `{rule.category.value}`",
        f"- Default severity: `{rule.severity.value}` (raised or lowered by exposure)",
        f"- Confidence: `{rule.confidence.value}`",
        f"- CWE: {cwe}",
    ]
    if rule.options:
        opts = ", ".join(f"`{k}` (default `{v}`)" for k, v in rule.options.items())
        header.append(f"- Options: {opts}")
    body = rule.doc.strip()
    if rule.remediation:
        body += f"\n\n## Remediation\n{rule.remediation}"
    if rule.references and "## References" not in body:
        body += "\n\n## References\n" + "\n".join(f"- <{u}>" for u in rule.references)
    return "\n".join(header) + "\n\n" + body + "\n"


__all__ = ["explain", "list_rules", "rule_page", "rules_table_markdown"]
