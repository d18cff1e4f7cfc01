"""Pathological code ends the analysis of that function with a note, never a hang or a crash."""

from __future__ import annotations

from pathlib import Path

from faasguard.analysis.engine import scan
from faasguard.core.config import Config


def test_huge_function_is_cut_short_with_a_scan_note(tmp_path: Path) -> None:
    body = "\n".join(f"    x{i} = event['body'] + str({i})" for i in range(30_000))
    code = f"import os\n\ndef handler(event, context):\n{body}\n    os.system(x1)\n"
    (tmp_path / "app.py").write_text(code, encoding="utf-8")
    result = scan(tmp_path, Config())
    notes = [f for f in result.findings if f.rule_id == "FG001"]
    assert any("too large to analyse" in f.message for f in notes)
    assert notes[0].location.start_line == 3


def test_deeply_nested_expression_is_reported_not_raised(tmp_path: Path) -> None:
    expression = "event['body']" + " + 'x'" * 3000
    code = f"import os\n\ndef handler(event, context):\n    os.system({expression})\n"
    (tmp_path / "app.py").write_text(code, encoding="utf-8")
    result = scan(tmp_path, Config())
    assert all(
        f.rule_id != "FG001" or "stopped" in f.message or "parse" in f.message
        for f in result.findings
    )


def test_call_chains_deeper_than_the_stack_budget_still_finish(tmp_path: Path) -> None:
    functions = [f"def f{i}(v):\n    return f{i + 1}(v)\n" for i in range(200)]
    functions.append("def f200(v):\n    import os\n    return os.system(v)\n")
    handler = "def handler(event, context):\n    return f0(event['body'])\n"
    (tmp_path / "app.py").write_text("\n".join([*functions, handler]), encoding="utf-8")
    result = scan(tmp_path, Config())
    assert [f.location.start_line for f in result.findings if f.rule_id == "PY003"]
