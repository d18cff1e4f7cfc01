"""Behaviour policies through the process-wide audit hook (loopback network only)."""

from __future__ import annotations

import importlib
import os
import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from faasguard.guard import BehaviourPolicy, BehaviourViolation, Mode, guard
from faasguard.guard.behaviour import activate, active_policy, disable, enable
from faasguard.guard.logging import SecurityLogger

from .conftest import LogSink, rest_event


@pytest.fixture
def server() -> Iterator[int]:
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.bind(("127.0.0.1", 0))
    listener.listen(8)
    try:
        yield listener.getsockname()[1]
    finally:
        listener.close()


def connect(port: int, host: str = "127.0.0.1") -> None:
    with socket.create_connection((host, port), timeout=2):
        pass


def test_connect_blocked_unless_allowed(server: int, logger: SecurityLogger, sink: LogSink) -> None:
    with activate(BehaviourPolicy(), logger), pytest.raises(BehaviourViolation):
        connect(server)
    assert sink.rules("block") == ["behaviour.connect"]
    with activate(BehaviourPolicy(allow_hosts=("127.0.0.1",)), logger):
        connect(server)
    with activate(BehaviourPolicy(allow_hosts=("127.0.0.0/8",)), logger):
        connect(server)
    connect(server)  # no active policy: nothing judged


def test_hostname_lookup_then_connect(server: int, logger: SecurityLogger) -> None:
    with activate(BehaviourPolicy(allow_hosts=("localhost",)), logger):
        connect(server, "localhost")  # allowed lookup, then the connect to its address
    with (
        activate(BehaviourPolicy(allow_hosts=("example.com",)), logger),
        pytest.raises(BehaviourViolation),
    ):
        connect(server, "localhost")


def test_blocked_lookup_does_not_open_a_window(server: int, logger: SecurityLogger) -> None:
    with activate(BehaviourPolicy(), logger):
        with pytest.raises(BehaviourViolation):
            socket.getaddrinfo("localhost", server)
        sock = socket.socket()
        try:
            with pytest.raises(BehaviourViolation):
                sock.connect(("127.0.0.1", server))
        finally:
            sock.close()


def test_alert_mode_allows_and_logs_once_per_connection(
    server: int, logger: SecurityLogger, sink: LogSink
) -> None:
    with activate(BehaviourPolicy(mode=Mode.ALERT), logger):
        connect(server, "localhost")
    assert sink.rules("alert") == ["behaviour.connect"]


def test_host_matching_rules() -> None:
    policy = BehaviourPolicy(allow_hosts=("*.amazonaws.com", "api.example.com", "0.0.0.0/0"))
    assert policy.host_allowed("sqs.us-east-1.amazonaws.com")
    assert policy.host_allowed("API.example.com.")
    assert not policy.host_allowed("amazonaws.com.evil.io")
    assert not policy.host_allowed("example.com")
    assert policy.host_allowed("93.184.216.34")
    # metadata addresses stay denied even inside an allowed network
    assert not policy.host_allowed("169.254.169.254")
    assert not policy.host_allowed("fd00:ec2::254")


def test_subprocess_blocked_and_allowed(logger: SecurityLogger, sink: LogSink) -> None:
    with activate(BehaviourPolicy(), logger):
        with pytest.raises(BehaviourViolation):
            subprocess.run(["true"], check=False)
        with pytest.raises(BehaviourViolation):
            os.system("true")
    assert sink.rules("block") == ["behaviour.subprocess", "behaviour.subprocess"]
    assert "true" in sink.records[0]["detail"]
    with activate(BehaviourPolicy(allow_subprocess=True), logger):
        assert subprocess.run(["true"], check=False).returncode == 0


def test_writes_only_inside_allowed_paths(tmp_path: Path, logger: SecurityLogger) -> None:
    allowed = tmp_path / "scratch"
    allowed.mkdir()
    outside = tmp_path / "outside.txt"
    outside.write_text("x")
    policy = BehaviourPolicy(write_paths=(str(allowed),))
    with activate(policy, logger):
        (allowed / "ok.txt").write_text("fine")
        with open(os.devnull, "w") as devnull:
            devnull.write("ok")
        with pytest.raises(BehaviourViolation):
            outside.write_text("nope")
        with pytest.raises(BehaviourViolation):
            os.open(outside, os.O_WRONLY)
        with pytest.raises(BehaviourViolation):
            outside.unlink()
        assert outside.read_text() == "x"  # reads elsewhere are fine
    assert (allowed / "ok.txt").read_text() == "fine"


def test_symlink_out_of_allowed_path_is_resolved(tmp_path: Path, logger: SecurityLogger) -> None:
    allowed = tmp_path / "scratch"
    allowed.mkdir()
    target = tmp_path / "target.txt"
    (allowed / "link").symlink_to(target)
    with (
        activate(BehaviourPolicy(write_paths=(str(allowed),)), logger),
        pytest.raises(BehaviourViolation),
    ):
        (allowed / "link").write_text("escape")


@pytest.fixture
def code_dir(tmp_path: Path) -> Iterator[Path]:
    code = tmp_path / "task"
    code.mkdir()
    (code / "app_secret_mod.py").write_text("VALUE = 42\n")
    (code / "data").mkdir()
    (code / "data" / "table.json").write_text("{}")
    sys.path.insert(0, str(code))
    try:
        yield code
    finally:
        sys.path.remove(str(code))
        sys.modules.pop("app_secret_mod", None)


def test_code_dir_reads_blocked_but_imports_work(code_dir: Path, logger: SecurityLogger) -> None:
    policy = BehaviourPolicy(code_dir=str(code_dir), read_paths=(str(code_dir / "data"),))
    with activate(policy, logger):
        with pytest.raises(BehaviourViolation):
            (code_dir / "app_secret_mod.py").read_text()
        with pytest.raises(BehaviourViolation):
            os.listdir(code_dir)
        module: Any = importlib.import_module("app_secret_mod")
        assert module.VALUE == 42
        assert (code_dir / "data" / "table.json").read_text() == "{}"


def test_activation_is_scoped_and_nested() -> None:
    outer, inner = BehaviourPolicy(), BehaviourPolicy(allow_subprocess=True)
    assert active_policy() is None
    with activate(outer):
        with activate(inner):
            assert active_policy() is inner
        assert active_policy() is outer
    assert active_policy() is None
    enable(outer)
    try:
        assert active_policy() is outer
    finally:
        disable()
    assert active_policy() is None


def test_for_lambda_reads_environment() -> None:
    policy = BehaviourPolicy.for_lambda(
        {"LAMBDA_TASK_ROOT": "/var/task", "AWS_LAMBDA_RUNTIME_API": "127.0.0.1:9001"},
        allow_hosts=["*.amazonaws.com"],
        write_paths=("/tmp",),
    )
    assert policy.code_dir == "/var/task"
    assert policy.host_allowed("127.0.0.1")
    assert policy.host_allowed("dynamodb.eu-west-1.amazonaws.com")
    assert not policy.read_allowed("/var/task/app.py")
    assert policy.read_allowed("/etc/hosts")


def test_decorator_activates_policy_around_handler(logger: SecurityLogger, sink: LogSink) -> None:
    def handler(event: Any, context: Any) -> Any:
        return subprocess.run(["true"], check=False).returncode

    wrapped = guard(logger=logger, behaviour=BehaviourPolicy())(handler)
    with pytest.raises(BehaviourViolation):
        wrapped(rest_event(), None)
    assert active_policy() is None
    assert sink.rules() == ["guard.allow", "behaviour.subprocess"]
    assert handler(None, None) == 0  # outside the guard nothing is enforced
