"""Serverless variables: values, where they come from, and what stays unknown."""

from __future__ import annotations

import textwrap
from pathlib import Path
from typing import Any

from faasguard.model import Unresolved, V
from tests.loaders.serverless.helpers import Loaded, load, position, where


def env(
    entries: str,
    extra: str = "",
    root: Path | None = None,
    **kwargs: Any,
) -> tuple[Loaded, dict[str, V[Any]]]:
    """Load a service whose provider.environment holds `entries` (and top-level `extra`);
    return the values of the function's environment."""
    text = (
        "service: shop\n"
        + textwrap.dedent(extra).lstrip("\n")
        + "provider:\n  name: aws\n  environment:\n"
        + textwrap.indent(textwrap.dedent(entries).lstrip("\n"), "    ")
        + "functions:\n  f:\n    handler: app.main\n"
    )
    loaded = load(text, root, **kwargs)
    values = {name: var.value for name, var in loaded.app.functions["f"].environment.items()}
    return loaded, values


CUSTOM = """
custom:
  secret: sk_live_custom
  number: 30
  flag: true
  nested:
    dev: nested-dev
    prod: nested-prod
  list: [first, second]
  empty:
"""


def test_self_reference_keeps_the_definition_location() -> None:
    loaded, values = env("SECRET: ${self:custom.secret}\n", CUSTOM)
    assert values["SECRET"].value == "sk_live_custom"
    assert where(values["SECRET"]) == loaded.at("sk_live_custom")
    assert loaded.problems == []


def test_self_reference_keeps_the_type() -> None:
    _, values = env("N: ${self:custom.number}\nB: ${self:custom.flag}\n", CUSTOM)
    assert values["N"].value == 30
    assert values["B"].value is True


def test_list_index_and_nested_variable_in_address() -> None:
    loaded, values = env(
        "SECOND: ${self:custom.list.1}\nBY_STAGE: ${self:custom.nested.${sls:stage}}\n", CUSTOM
    )
    assert values["SECOND"].value == "second"
    assert values["BY_STAGE"].value == "nested-dev"
    assert where(values["BY_STAGE"]) == loaded.at("nested-dev")


def test_text_mixed_with_variables_is_located_where_it_is_written() -> None:
    loaded, values = env("TABLE: orders-${self:custom.number}-${sls:stage}\n", CUSTOM)
    assert values["TABLE"].value == "orders-30-dev"
    assert where(values["TABLE"]) == loaded.at("orders-")


def test_options_and_their_defaults() -> None:
    entries = "STAGE: ${opt:stage, 'dev'}\nREGION: ${opt:region, 'eu-west-1'}\nNONE: ${opt:x}\n"
    loaded, values = env(entries, options={"stage": "prod"})
    assert values["STAGE"].value == "prod"
    assert where(values["STAGE"]) == loaded.at("${opt:stage")
    assert values["REGION"].value == "eu-west-1"
    assert isinstance(values["NONE"].value, Unresolved)
    assert values["NONE"].value.text == "${opt:x}"
    assert loaded.problems == []


def test_stage_follows_option_then_provider_then_dev() -> None:
    _, values = env("S: ${sls:stage}\n")
    assert values["S"].value == "dev"
    text = "service: s\nprovider:\n  name: aws\n  stage: qa\n  environment:\n    S: ${sls:stage}\n"
    text += "functions:\n  f:\n    handler: h.h\n"
    assert load(text).app.functions["f"].environment["S"].value.value == "qa"
    assert (
        load(text, options={"stage": "prod"}).app.functions["f"].environment["S"].value.value
        == "prod"
    )


def test_environment_variables_only_with_env() -> None:
    entries = "HOME_DIR: ${env:SCAN_HOME}\nWITH_DEFAULT: ${env:NOT_SET, 'fallback'}\n"
    _, without = env(entries)
    assert isinstance(without["HOME_DIR"].value, Unresolved)
    assert "--env" in without["HOME_DIR"].value.reason
    # Without the environment the fallback is not taken: the variable may be set at deploy time.
    assert isinstance(without["WITH_DEFAULT"].value, Unresolved)
    _, given = env(entries, environ={"SCAN_HOME": "/home/ci"})
    assert given["HOME_DIR"].value == "/home/ci"
    assert given["WITH_DEFAULT"].value == "fallback"


def test_deploy_time_sources_stay_unresolved() -> None:
    entries = """
    SSM: ${ssm:/shop/stripe-key}
    CF: ${cf:other-stack.QueueUrl}
    S3: ${s3:bucket/key}
    ACCOUNT: ${aws:accountId}
    PLUGIN: ${myplugin:thing}
    ARN: arn:aws:sqs:eu-west-1:${aws:accountId}:orders
    """
    loaded, values = env(entries)
    for name in ("SSM", "CF", "S3", "ACCOUNT", "PLUGIN"):
        assert isinstance(values[name].value, Unresolved), name
    assert values["SSM"].value.text == "${ssm:/shop/stripe-key}"
    assert values["ARN"].value.text == "arn:aws:sqs:eu-west-1:${aws:accountId}:orders"
    assert where(values["ARN"]) == loaded.at("arn:aws:sqs")
    assert loaded.problems == []


def test_region_and_str_to_bool() -> None:
    _, values = env("R: ${aws:region}\nB: ${strToBool(false)}\n")
    assert values["R"].value == "us-east-1"
    assert values["B"].value is False
    _, values = env("R: ${aws:region}\n", options={"region": "eu-west-3"})
    assert values["R"].value == "eu-west-3"


def test_fallback_chain() -> None:
    loaded, values = env(
        "A: ${self:custom.missing, self:custom.secret}\nB: ${self:custom.empty, 'x'}\n", CUSTOM
    )
    assert values["A"].value == "sk_live_custom"
    assert values["B"].value == "x"
    assert loaded.problems == []


def test_params_from_the_file_for_the_stage() -> None:
    extra = """
    params:
      prod:
        key: prod-key
      default:
        key: default-key
        other: only-default
    """
    entries = "KEY: ${param:key}\nOTHER: ${param:other}\nDASHBOARD: ${param:fromDashboard}\n"
    loaded, values = env(entries, extra)
    assert values["KEY"].value == "default-key"
    assert where(values["KEY"]) == loaded.at("default-key")
    assert values["OTHER"].value == "only-default"
    assert isinstance(values["DASHBOARD"].value, Unresolved)
    _, values = env(entries, extra, options={"stage": "prod"})
    assert values["KEY"].value == "prod-key"


def test_variables_inside_intrinsics_make_them_unresolved() -> None:
    entries = """
    JOINED: !Join ["", ["arn:aws:s3:::", "${ssm:/bucket}", "/*"]]
    SUB: !Sub "arn:aws:s3:::${ssm:/bucket}/${AWS::Region}"
    KNOWN: !Sub "arn:aws:s3:::${self:custom.secret}/*"
    """
    loaded, values = env(entries, CUSTOM)
    assert isinstance(values["JOINED"].value, Unresolved)
    assert "${ssm:/bucket}" in values["JOINED"].value.text
    assert isinstance(values["SUB"].value, Unresolved)
    assert values["SUB"].value.text == "arn:aws:s3:::${ssm:/bucket}/${AWS::Region}"
    assert values["KNOWN"].value == "arn:aws:s3:::sk_live_custom/*"
    assert not [m for m in loaded.messages() if "ssm" in m]


# -- files ------------------------------------------------------------------------------------


def test_file_yaml_json_and_text(tmp_path: Path) -> None:
    files = {
        "config/dev.yml": "db:\n  password: hunter2\n",
        "config/settings.json": '{"limits": {"rate": 10}}',
        "config/key.txt": "plain-text-key",
    }
    entries = """
    PASSWORD: ${file(./config/${sls:stage}.yml):db.password}
    RATE: ${file(./config/settings.json):limits.rate}
    KEY: ${file(./config/key.txt)}
    """
    loaded, values = env(entries, root=tmp_path, files=files)
    assert values["PASSWORD"].value == "hunter2"
    assert values["PASSWORD"].loc.path == "config/dev.yml"
    assert where(values["PASSWORD"]) == position(files["config/dev.yml"], "hunter2")
    assert values["RATE"].value == 10
    assert values["RATE"].loc.path == "config/settings.json"
    assert values["KEY"].value == "plain-text-key"
    assert set(loaded.app.files) == {
        "serverless.yml",
        "config/dev.yml",
        "config/settings.json",
        "config/key.txt",
    }
    assert loaded.problems == []


def test_whole_file_and_variables_inside_it(tmp_path: Path) -> None:
    files = {"custom.yml": "table: orders-${sls:stage}\nsecret: ${self:custom.inline}\n"}
    extra = "custom: ${file(./custom.yml)}\n"
    text = "service: s\n" + extra + "provider:\n  name: aws\n  environment:\n"
    text += "    T: ${self:custom.table}\nfunctions:\n  f:\n    handler: h.h\n"
    loaded = load(text, tmp_path, files=files)
    value = loaded.app.functions["f"].environment["T"].value
    assert value.value == "orders-dev"
    assert value.loc.path == "custom.yml"
    # This service has no `custom`: the reference inside the other file is reported there.
    loaded2, values = env("S: ${file(./custom.yml):secret}\n", root=tmp_path)
    assert isinstance(values["S"].value, Unresolved)
    problem = loaded2.problem_at("custom is not set")
    assert (problem.path, problem.start_line, problem.start_column) == position_in(
        "custom.yml", files, "${self"
    )


def position_in(path: str, files: dict[str, str], needle: str) -> tuple[str, int, int]:
    return (path, *position(files[path], needle))


def test_javascript_files_are_never_run(tmp_path: Path) -> None:
    marker = tmp_path / "ran.txt"
    files = {
        "config.js": f"require('fs').writeFileSync({str(marker)!r}, 'x');\nmodule.exports = {{}};\n"
    }
    loaded, values = env(
        "A: ${file(./config.js):value}\nB: ${file(./config.ts)}\n", root=tmp_path, files=files
    )
    assert isinstance(values["A"].value, Unresolved)
    assert "JavaScript" in values["A"].value.reason
    assert isinstance(values["B"].value, Unresolved)
    assert not marker.exists()
    assert loaded.problems == []
    assert loaded.app.files == ["serverless.yml"]


def test_file_outside_the_root_is_refused(tmp_path: Path) -> None:
    root = tmp_path / "project"
    root.mkdir()
    (tmp_path / "secret.yml").write_text("key: outside\n")
    loaded, values = env(
        "A: ${file(../secret.yml):key}\nB: ${file(/etc/hostname)}\nC: ${file(~/x.yml)}\n",
        root=root,
    )
    for name in "ABC":
        assert isinstance(values[name].value, Unresolved), name
    outside = [m for m in loaded.messages() if "outside the scanned root" in m]
    assert len(outside) == 3
    assert loaded.problems[0].location.start_line == loaded.line("../secret.yml")


def test_symlink_out_of_the_root_is_refused(tmp_path: Path) -> None:
    root = tmp_path / "project"
    root.mkdir()
    (tmp_path / "secret.yml").write_text("key: outside\n")
    (root / "link.yml").symlink_to(tmp_path / "secret.yml")
    loaded, values = env("A: ${file(./link.yml):key}\n", root=root)
    assert isinstance(values["A"].value, Unresolved)
    assert any("outside the scanned root" in m for m in loaded.messages())


def test_missing_and_broken_files(tmp_path: Path) -> None:
    files = {"broken.yml": "a: [unclosed\n", "data.bin": "x\x00y"}
    entries = """
    MISSING: ${file(./nope.yml):a}
    FALLBACK: ${file(./nope.yml):a, 'default'}
    BROKEN: ${file(./broken.yml):a}
    BINARY: ${file(./data.bin)}
    """
    loaded, values = env(entries, root=tmp_path, files=files)
    assert isinstance(values["MISSING"].value, Unresolved)
    assert loaded.problem_at("nope.yml does not exist").start_line == loaded.line("MISSING")
    assert values["FALLBACK"].value == "default"
    assert isinstance(values["BROKEN"].value, Unresolved)
    assert any(p.location.path == "broken.yml" for p in loaded.problems)
    assert isinstance(values["BINARY"].value, Unresolved)
    assert any("binary" in m for m in loaded.messages())


# -- what goes wrong ---------------------------------------------------------------------------


def test_cycle_is_reported_not_looped() -> None:
    extra = "custom:\n  a: ${self:custom.b}\n  b: ${self:custom.a}\n  me: ${self:custom.me}\n"
    loaded, values = env("A: ${self:custom.a}\nME: ${self:custom.me}\n", extra)
    assert isinstance(values["A"].value, Unresolved)
    assert isinstance(values["ME"].value, Unresolved)
    cycles = [p for p in loaded.problems if "refers back to itself" in p.message]
    assert {p.location.start_line for p in cycles} == {loaded.line("b: "), loaded.line("me: ")}


def test_long_chains_are_cut() -> None:
    chain = "".join(f"  c{i}: ${{self:custom.c{i + 1}}}\n" for i in range(40)) + "  c40: end\n"
    loaded, values = env("C: ${self:custom.c0}\n", "custom:\n" + chain)
    assert isinstance(values["C"].value, Unresolved)
    assert any("nest too deeply" in m for m in loaded.messages())


def test_variable_bomb_is_refused() -> None:
    lines = ["custom:", "  l0: [x, x, x, x, x, x, x, x, x, x]"]
    for i in range(1, 8):
        item = '"${self:custom.l' + str(i - 1) + '}"'
        lines.append(f"  l{i}: [{', '.join([item] * 10)}]")
    loaded, values = env("BOMB: ${self:custom.l7}\n", "\n".join(lines) + "\n")
    # l6 (10**6 values) is cut once, where it is defined; l7 is ten references to it.
    assert loaded.problem_at("variable bomb").start_line == loaded.line("l6:")
    assert len(values["BOMB"].value) == 10
    assert all(isinstance(item, Unresolved) for item in values["BOMB"].value)


def test_string_bomb_is_refused() -> None:
    lines = ["custom:", "  s0: " + "x" * 1000]
    lines += [f"  s{i}: ${{self:custom.s{i - 1}}}${{self:custom.s{i - 1}}}" for i in range(1, 12)]
    loaded, values = env("S: ${self:custom.s11}\n", "\n".join(lines) + "\n")
    assert isinstance(values["S"].value, Unresolved)
    assert any("characters" in m for m in loaded.messages())


def test_missing_self_reference_is_reported_at_the_use() -> None:
    loaded, values = env("X: ${self:custom.typo}\n", CUSTOM)
    assert isinstance(values["X"].value, Unresolved)
    assert loaded.problem_at("custom.typo is not set").start_line == loaded.line("X: ")


def test_invalid_syntax_is_reported() -> None:
    loaded, values = env("X: ${opt:stage, dev}\n")
    assert isinstance(values["X"].value, Unresolved)
    assert loaded.problem_at("quote strings").start_line == loaded.line("X: ")


def test_map_inside_a_string_is_reported() -> None:
    loaded, values = env("X: prefix-${self:custom.nested}\n", CUSTOM)
    assert isinstance(values["X"].value, Unresolved)
    assert loaded.problem_at("cannot be part of a string").start_line == loaded.line("X: ")


def test_keys_are_not_resolved() -> None:
    _, values = env("${self:custom.secret}: value\n", CUSTOM)
    assert values["${self:custom.secret}"].value == "value"


def test_unknown_stage() -> None:
    text = "service: s\nprovider:\n  name: aws\n  stage: ${ssm:/stage}\n  environment:\n"
    text += "    S: ${sls:stage}\n    P: ${param:x}\nfunctions:\n  f:\n    handler: h.h\n"
    text += "    events:\n      - http: GET /\n"
    loaded = load(text)
    env = loaded.app.functions["f"].environment
    assert isinstance(env["S"].value.value, Unresolved)
    assert isinstance(env["P"].value.value, Unresolved)
    assert loaded.app.apis["ApiGatewayRestApi"].stages[0].name == "${sls:stage}"
    assert loaded.problems == []


def test_stage_defined_by_itself_is_a_cycle() -> None:
    text = "service: s\nprovider:\n  name: aws\n  stage: ${sls:stage}\n  environment:\n"
    text += "    S: ${sls:stage}\nfunctions:\n  f:\n    handler: h.h\n"
    loaded = load(text)
    assert isinstance(loaded.app.functions["f"].environment["S"].value.value, Unresolved)
    assert loaded.problem_at("refers back to itself").start_line == loaded.line("stage: ${sls")
    assert load(text, options={"stage": "qa"}).problems == []
