from __future__ import annotations

from pathlib import Path

import pytest

from faasguard.cli.configfile import load_config
from faasguard.core.config import Config, ConfigError, parse_config
from faasguard.core.enums import Severity


def test_parse_full_table() -> None:
    config = parse_config(
        {
            "disable": ["iac030"],
            "exclude": ["tests/", "*.bak.yaml"],
            "severity": {"IAC001": "critical"},
            "options": {"IAC052": {"max-timeout": 20}},
            "fail-on": "medium",
        },
        "pyproject.toml",
    )
    assert not config.rule_enabled("IAC030") and config.rule_enabled("IAC001")
    assert config.severity_overrides == {"IAC001": Severity.CRITICAL}
    assert config.options["IAC052"] == {"max-timeout": 20}
    assert config.fail_on is Severity.MEDIUM
    assert config.excluded("tests/fixtures/a.yaml")
    assert config.excluded("deep/x.bak.yaml")
    assert not config.excluded("src/template.yaml")


def test_enable_runs_only_listed() -> None:
    config = parse_config({"enable": ["IAC001"]}, "x")
    assert config.rule_enabled("IAC001") and not config.rule_enabled("IAC002")


@pytest.mark.parametrize(
    ("table", "message"),
    [
        ({"disabel": []}, "unknown setting"),
        ({"severity": {"IAC001": "urgent"}}, "not a severity"),
        ({"exclude": "tests"}, "list of strings"),
        ({"fail-on": "extreme"}, "not a severity"),
    ],
)
def test_errors_name_the_source(table: dict[str, object], message: str) -> None:
    with pytest.raises(ConfigError, match=message) as info:
        parse_config(table, "pyproject.toml")
    assert "pyproject.toml" in str(info.value)


def test_config_file_discovery(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text('[tool.faasguard]\ndisable = ["IAC009"]\n')
    assert not load_config([tmp_path], None).rule_enabled("IAC009")
    (tmp_path / ".faasguard.toml").write_text('disable = ["IAC008"]\n')
    config = load_config([tmp_path], None)
    assert not config.rule_enabled("IAC008") and config.rule_enabled("IAC009")


def test_pyproject_without_table_is_default(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "x"\n')
    assert load_config([tmp_path], None) == Config()


def test_broken_toml_is_a_config_error(tmp_path: Path) -> None:
    (tmp_path / ".faasguard.toml").write_text("disable = [\n")
    with pytest.raises(ConfigError, match=r"\.faasguard\.toml"):
        load_config([tmp_path], None)
