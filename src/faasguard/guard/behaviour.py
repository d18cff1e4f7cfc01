"""Behaviour policies enforced with a Python audit hook (PEP 578): defence in depth.

A policy limits what the function's own Python code may do while it handles an event: outbound
connections only to allowed hosts, no child processes, no file writes outside allowed paths, no
reads of the function's own code directory (``LAMBDA_TASK_ROOT``). In ``BLOCK`` mode a forbidden
operation raises :class:`BehaviourViolation` (a ``PermissionError``, which libraries already handle
as "access denied"); in ``ALERT`` mode it is logged and allowed.

What this is not: a sandbox. Audit hooks see only operations that go through CPython's audited
APIs. Native extensions (C code making system calls directly), ``ctypes``, and code that reaches
the interpreter's internals can bypass them; so can a process started before the hook. They
raise the cost of the common attacks (SSRF through an HTTP client, ``os.system`` of an injected
command, exfiltration of the source, dropping files) and make them visible in the security log.

An audit hook cannot be removed, so there is one process-wide hook, installed on first use, and
a switchable active policy: :func:`activate` (a context manager, what ``@guard(behaviour=...)``
uses around the handler) or :func:`enable` / :func:`disable`. With no active policy the hook
returns at once.
"""

from __future__ import annotations

import contextlib
import ipaddress
import os
import sys
import threading
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from types import FrameType
from typing import Any

from faasguard.guard._request import Mode
from faasguard.guard.logging import Outcome, SecurityLogger

__all__ = [
    "BehaviourPolicy",
    "BehaviourViolation",
    "activate",
    "active_policy",
    "disable",
    "enable",
]

_IpNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network

METADATA_NETWORKS = ("169.254.169.254/32", "169.254.170.2/32", "fd00:ec2::254/128")
_ALWAYS_WRITABLE = frozenset({"/dev/null", "/dev/stdout", "/dev/stderr"})
_PROCESS_EVENTS = frozenset(
    {
        "subprocess.Popen",
        "os.system",
        "os.exec",
        "os.posix_spawn",
        "os.spawn",
        "os.fork",
        "os.forkpty",
        "os.startfile",
        "pty.spawn",
    }
)
_WRITE_EVENTS = frozenset(
    {
        "os.remove",
        "os.rename",
        "os.mkdir",
        "os.rmdir",
        "os.chmod",
        "os.symlink",
        "os.link",
        "os.truncate",
        "os.chown",
        "os.utime",
    }
)
_LIST_EVENTS = frozenset({"os.listdir", "os.scandir"})
_NET_EVENTS = frozenset({"socket.connect", "socket.sendto", "socket.getaddrinfo"})
_WATCHED = _PROCESS_EVENTS | _WRITE_EVENTS | _LIST_EVENTS | _NET_EVENTS | {"open"}
_WRITE_FLAGS = os.O_WRONLY | os.O_RDWR | os.O_APPEND | os.O_CREAT | os.O_TRUNC
_RESOLUTION_CONNECTS = 8


class BehaviourViolation(PermissionError):
    """A forbidden operation under a behaviour policy in block mode."""


def _dir(path: str) -> str:
    return os.path.realpath(path).rstrip(os.sep) or os.sep


@dataclass(frozen=True)
class BehaviourPolicy:
    """What the handler's code may do.

    ``allow_hosts``: host names (``api.example.com``), suffix wildcards (``*.amazonaws.com``), IP
    addresses and networks (``10.0.0.0/8``). ``deny_networks`` wins over them (by default the
    instance and container metadata addresses). ``write_paths``: directories where files may be
    written (none by default; ``("/tmp",)`` is the usual choice). ``code_dir``: directory whose
    files may not be read or listed, except by the import system; ``read_paths`` are exceptions
    inside it (data files the code reads on purpose).
    """

    mode: Mode = Mode.BLOCK
    allow_hosts: tuple[str, ...] = ()
    deny_networks: tuple[str, ...] = METADATA_NETWORKS
    allow_subprocess: bool = False
    write_paths: tuple[str, ...] = ()
    code_dir: str | None = None
    read_paths: tuple[str, ...] = ()
    _hosts: frozenset[str] = field(init=False, repr=False, compare=False)
    _suffixes: tuple[str, ...] = field(init=False, repr=False, compare=False)
    _networks: tuple[_IpNetwork, ...] = field(init=False, repr=False, compare=False)
    _denied: tuple[_IpNetwork, ...] = field(init=False, repr=False, compare=False)
    _writable: tuple[str, ...] = field(init=False, repr=False, compare=False)
    _code: str | None = field(init=False, repr=False, compare=False)
    _readable: tuple[str, ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        hosts: set[str] = set()
        suffixes: list[str] = []
        networks: list[_IpNetwork] = []
        for entry in self.allow_hosts:
            entry = entry.strip().lower()
            if entry.startswith("*."):
                suffixes.append(entry[1:])
                continue
            try:
                networks.append(ipaddress.ip_network(entry, strict=False))
            except ValueError:
                hosts.add(entry.rstrip("."))
        denied = tuple(ipaddress.ip_network(n, strict=False) for n in self.deny_networks)
        setattr_ = object.__setattr__
        setattr_(self, "_hosts", frozenset(hosts))
        setattr_(self, "_suffixes", tuple(suffixes))
        setattr_(self, "_networks", tuple(networks))
        setattr_(self, "_denied", denied)
        setattr_(self, "_writable", tuple(_dir(p) for p in self.write_paths))
        setattr_(self, "_code", _dir(self.code_dir) if self.code_dir else None)
        setattr_(self, "_readable", tuple(_dir(p) for p in self.read_paths))

    @classmethod
    def for_lambda(
        cls,
        environ: Mapping[str, str] | None = None,
        *,
        allow_hosts: Iterable[str] = (),
        **options: Any,
    ) -> BehaviourPolicy:
        """A policy for AWS Lambda: protects ``LAMBDA_TASK_ROOT`` and allows the runtime API."""
        env = os.environ if environ is None else environ
        hosts = list(allow_hosts)
        runtime_api = env.get("AWS_LAMBDA_RUNTIME_API")
        if runtime_api:
            hosts.append(runtime_api.rsplit(":", 1)[0])
        options.setdefault("code_dir", env.get("LAMBDA_TASK_ROOT") or None)
        return cls(allow_hosts=tuple(hosts), **options)

    # -- judgements: each returns (rule, detail) for a violation, or None ---------------------
    def host_allowed(self, host: str) -> bool:
        """True if connecting to ``host`` (a name or an IP address) is allowed."""
        host = host.strip().lower().rstrip(".")
        try:
            address = ipaddress.ip_address(host.strip("[]").split("%", 1)[0])
        except ValueError:
            return host in self._hosts or any(host.endswith(s) for s in self._suffixes)
        if self.ip_denied(host):
            return False
        return host in self._hosts or any(address in net for net in self._networks)

    def ip_denied(self, host: str) -> bool:
        """True if ``host`` is an IP address inside ``deny_networks``."""
        try:
            address = ipaddress.ip_address(host.strip("[]").split("%", 1)[0])
        except ValueError:
            return False
        return any(address in net for net in self._denied)

    def write_allowed(self, path: str) -> bool:
        real = os.path.realpath(path)
        if real in _ALWAYS_WRITABLE:
            return True
        return any(real == d or real.startswith(d + os.sep) for d in self._writable)

    def read_allowed(self, path: str) -> bool:
        code = self._code
        if code is None:
            return True
        real = os.path.realpath(path)
        if real != code and not real.startswith(code + os.sep):
            return True
        return any(real == d or real.startswith(d + os.sep) for d in self._readable)


class _ThreadState(threading.local):
    busy: bool = False
    resolved: tuple[str, int, bool] | None = None  # (host, port, allowed) of last getaddrinfo
    connects: int = 0


_local = _ThreadState()
_state: tuple[BehaviourPolicy, SecurityLogger | None] | None = None
_install_lock = threading.Lock()
_installed = False


def _fspath(value: Any) -> str | None:
    if isinstance(value, int):
        return None
    try:
        path = os.fsdecode(os.fspath(value))
    except TypeError:
        return None
    return path


def _is_write(mode: Any, flags: Any) -> bool:
    if isinstance(mode, str) and any(c in mode for c in "wax+"):
        return True
    return isinstance(flags, int) and bool(flags & _WRITE_FLAGS)


def _from_import_system() -> bool:
    """True when the audited operation comes from importlib (module loading, pyc caching)."""
    frame: FrameType | None = sys._getframe(1)
    for _ in range(12):
        if frame is None:
            return False
        if frame.f_code.co_filename.startswith("<frozen importlib"):
            return True
        frame = frame.f_back
    return False


def _judge_open(policy: BehaviourPolicy, args: tuple[Any, ...]) -> tuple[str, str] | None:
    path = _fspath(args[0]) if args else None
    if path is None:
        return None
    if _is_write(args[1] if len(args) > 1 else None, args[2] if len(args) > 2 else None):
        if policy.write_allowed(path) or _from_import_system():
            return None
        return ("behaviour.write", path)
    if policy.read_allowed(path) or _from_import_system():
        return None
    return ("behaviour.code_read", path)


def _judge_net(
    event: str, policy: BehaviourPolicy, args: tuple[Any, ...]
) -> tuple[str, str] | None:
    if event == "socket.getaddrinfo":
        host = args[0]
        if isinstance(host, bytes):
            host = host.decode("ascii", "replace")
        if not isinstance(host, str) or not host:
            return None
        port = args[1] if isinstance(args[1], int) else -1
        ok = policy.host_allowed(host)
        _local.resolved, _local.connects = (host, port, ok), 0
        return None if ok else ("behaviour.connect", f"{host}:{port}")
    address = args[1] if len(args) > 1 else None
    if not isinstance(address, tuple) or not address or not isinstance(address[0], str):
        return None  # unix sockets and other families are not judged
    host, port = address[0], (address[1] if len(address) > 1 else -1)
    if policy.host_allowed(host):
        return None
    resolved = _local.resolved
    if (
        resolved is not None
        and (resolved[2] or policy.mode is Mode.ALERT)
        and resolved[1] in (port, -1)
        and _local.connects < _RESOLUTION_CONNECTS
        and not policy.ip_denied(host)
    ):
        # The connect that follows an allowed lookup (or one already reported in alert mode).
        _local.connects += 1
        return None
    return ("behaviour.connect", f"{host}:{port}")


def _judge(event: str, policy: BehaviourPolicy, args: tuple[Any, ...]) -> tuple[str, str] | None:
    if event == "open":
        return _judge_open(policy, args)
    if event in _NET_EVENTS:
        return _judge_net(event, policy, args)
    if event in _PROCESS_EVENTS:
        if policy.allow_subprocess:
            return None
        program = _fspath(args[0]) if args and not isinstance(args[0], (list, tuple)) else None
        return ("behaviour.subprocess", f"{event} {(program or '?').rsplit('/', 1)[-1]}")
    if event in _LIST_EVENTS:
        path = _fspath(args[0] if args and args[0] is not None else ".")
        if path is None or policy.read_allowed(path) or _from_import_system():
            return None
        return ("behaviour.code_read", path)
    paths = [p for p in (_fspath(a) for a in args[:2] if isinstance(a, (str, bytes))) if p]
    for path in paths:
        if not policy.write_allowed(path) and not _from_import_system():
            return ("behaviour.write", f"{event} {path}")
    return None


def _hook(event: str, args: tuple[Any, ...]) -> None:
    state = _state
    if state is None or event not in _WATCHED or _local.busy:
        return
    policy, logger = state
    _local.busy = True
    try:
        verdict = _judge(event, policy, args)
        if verdict is not None:
            rule, detail = verdict
            outcome = Outcome.BLOCK if policy.mode is Mode.BLOCK else Outcome.ALERT
            if logger is not None:
                logger.decision(None, outcome, rule, check="behaviour", detail=detail)
    finally:
        _local.busy = False
    if verdict is not None and policy.mode is Mode.BLOCK:
        raise BehaviourViolation(f"blocked by faasguard behaviour policy ({verdict[0]})")


def _install() -> None:
    global _installed
    with _install_lock:
        if not _installed:
            sys.addaudithook(_hook)
            _installed = True


def enable(policy: BehaviourPolicy, logger: SecurityLogger | None = None) -> None:
    """Make ``policy`` the active policy for the whole process (installs the hook once)."""
    global _state
    _install()
    _state = (policy, logger)


def disable() -> None:
    """Deactivate any policy (the hook stays installed but does nothing)."""
    global _state
    _state = None


def active_policy() -> BehaviourPolicy | None:
    """The active policy, if any."""
    state = _state
    return state[0] if state is not None else None


@contextlib.contextmanager
def activate(policy: BehaviourPolicy, logger: SecurityLogger | None = None) -> Iterator[None]:
    """Activate ``policy`` for the duration of the block, then restore the previous one."""
    global _state
    _install()
    previous = _state
    _state = (policy, logger)
    try:
        yield
    finally:
        _state = previous
