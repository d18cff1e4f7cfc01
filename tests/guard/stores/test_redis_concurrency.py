"""Many processes hitting one limit through Redis never admit more than the limit."""

from __future__ import annotations

import multiprocessing
from typing import Any

import pytest

from faasguard.guard import EventKind, GuardViolation, Request
from faasguard.guard.ratelimit import RateLimit
from faasguard.guard.stores import RedisStore

PROCESSES = 8
ATTEMPTS = 50
LIMIT = 100
NOW = 1_700_000_000.5  # one fixed instant for every process: no window boundary is crossed


def _worker(url: str, algorithm: str, namespace: str, barrier: Any, out: Any) -> None:
    check = RateLimit(
        LIMIT,
        60,
        key=lambda request: "one-caller",
        algorithm=algorithm,
        store=RedisStore(url=url, timeout=5.0),
        clock=lambda: NOW,
        namespace=namespace,
    )
    request = Request(kind=EventKind.API_GATEWAY_HTTP, raw={})
    barrier.wait()
    admitted = 0
    for _ in range(ATTEMPTS):
        try:
            check(request)
        except GuardViolation as exc:
            assert exc.rule == "ratelimit.exceeded"
        else:
            admitted += 1
    out.put(admitted)


@pytest.mark.redis
@pytest.mark.parametrize("algorithm", ["fixed", "sliding", "token_bucket"])
def test_processes_never_exceed_the_limit(redis_url: str, algorithm: str) -> None:
    ctx = multiprocessing.get_context("spawn")
    barrier = ctx.Barrier(PROCESSES)
    out = ctx.Queue()
    procs = [
        ctx.Process(target=_worker, args=(redis_url, algorithm, f"conc-{algorithm}", barrier, out))
        for _ in range(PROCESSES)
    ]
    for proc in procs:
        proc.start()
    counts = [out.get(timeout=120) for _ in procs]
    for proc in procs:
        proc.join(timeout=60)
        assert proc.exitcode == 0
    # 400 attempts against a limit of 100: exactly the limit gets through, never one more.
    assert sum(counts) == LIMIT
