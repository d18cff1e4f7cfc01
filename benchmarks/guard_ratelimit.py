"""Per-call cost of RateLimit (and of the raw store primitives), run on demand.

    .venv/bin/python benchmarks/guard_ratelimit.py [--redis-url redis://127.0.0.1:6379/0] [-n 20000]

Prints median and p99 microseconds per call for each algorithm on the memory store and, when a
Redis URL is given, on Redis (that figure is dominated by the network round trip).
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable

from faasguard.guard import EventKind, Request
from faasguard.guard.ratelimit import RateLimit
from faasguard.guard.stores import MemoryStore, Store


def measure(call: Callable[[], None], n: int) -> tuple[float, float]:
    for _ in range(min(n, 1000)):  # warm up
        call()
    samples = []
    for _ in range(n):
        start = time.perf_counter_ns()
        call()
        samples.append((time.perf_counter_ns() - start) / 1000)
    samples.sort()
    return statistics.median(samples), samples[int(len(samples) * 0.99) - 1]


def bench_store(label: str, store: Store, n: int) -> None:
    requests = [
        Request(kind=EventKind.API_GATEWAY_HTTP, raw={}, source_ip=f"198.51.100.{i % 250}")
        for i in range(256)
    ]
    for algorithm in ("fixed", "sliding", "token_bucket"):
        check = RateLimit(10**9, 60, algorithm=algorithm, store=store, namespace=f"b-{algorithm}")
        index = 0

        def call(check: RateLimit = check) -> None:
            nonlocal index
            index += 1
            check(requests[index % len(requests)])  # the limit is never reached

        median, p99 = measure(call, n)
        print(f"{label:8} {algorithm:13} median {median:8.2f} us   p99 {p99:8.2f} us")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--redis-url")
    parser.add_argument("-n", type=int, default=20_000)
    args = parser.parse_args()
    bench_store("memory", MemoryStore(), args.n)
    if args.redis_url:
        from faasguard.guard.stores import RedisStore

        bench_store("redis", RedisStore(url=args.redis_url), max(1000, args.n // 10))


if __name__ == "__main__":
    main()
