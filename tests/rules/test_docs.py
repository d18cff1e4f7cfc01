"""A rule's documentation is tested: its Example fires, its Use instead does not.

Code blocks in those sections name the file they stand for in the fence info string:
```yaml template.yaml   /   ```yaml serverless.yml   /   ```hcl main.tf
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from faasguard.analysis.engine import scan
from faasguard.core.config import Config
from faasguard.core.rule import DOC_SECTIONS, Rule
from faasguard.rules import all_rules

_BLOCK = re.compile(r"```(\w+) ([\w./-]+)\n(.*?)```", re.DOTALL)


def _blocks(rule: Rule, section: str) -> list[tuple[str, str]]:
    return [(m.group(2), m.group(3)) for m in _BLOCK.finditer(rule.section(section))]


def _reported(tmp_path: Path, filename: str, text: str, rule: Rule) -> list[str]:
    target = tmp_path / filename
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
    result = scan(tmp_path, Config())
    return [f"{f.location}: {f.message}" for f in result.findings if f.rule_id == rule.id]


@pytest.mark.parametrize("rule", all_rules(), ids=lambda r: r.id)
def test_doc_sections_present(rule: Rule) -> None:
    for heading in DOC_SECTIONS:
        assert rule.section(heading), f"{rule.id}: empty section {heading!r}"
    assert _blocks(rule, "Example"), f"{rule.id}: Example has no named code block"
    assert _blocks(rule, "Use instead"), f"{rule.id}: Use instead has no named code block"


@pytest.mark.parametrize("rule", all_rules(), ids=lambda r: r.id)
def test_example_fires(rule: Rule, tmp_path: Path) -> None:
    for index, (filename, text) in enumerate(_blocks(rule, "Example")):
        hits = _reported(tmp_path / f"example{index}", filename, text, rule)
        assert hits, f"{rule.id}: its Example ({filename}) is not reported"


@pytest.mark.parametrize("rule", all_rules(), ids=lambda r: r.id)
def test_use_instead_is_clean(rule: Rule, tmp_path: Path) -> None:
    for index, (filename, text) in enumerate(_blocks(rule, "Use instead")):
        hits = _reported(tmp_path / f"fixed{index}", filename, text, rule)
        assert not hits, f"{rule.id}: its Use instead ({filename}) is reported: {hits}"
