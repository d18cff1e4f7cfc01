"""Overhead of faasguard.guard per call, and its import time.

Run on demand (never in the test suite):

    .venv/bin/python benchmarks/guard_overhead.py            # default iterations
    .venv/bin/python benchmarks/guard_overhead.py --quick    # fewer iterations
    nice -n -10 .venv/bin/python benchmarks/guard_overhead.py --repeat 7 --cpu   # busy machine

Measures median and p99 wall time per call of a handler on a ~1 KB API Gateway REST event:

* bare handler (no guard);
* guard with no check, with the allowed request counted (the default) and logged as a line;
* guard with JSON Schema only, and with JSON Schema + injection scan (the issue's < 50 us aim);
* the injection scan split into InjectionCheck's walk of the request and detect() itself;
* the full stack: schema + JWT (HS256) + injection scan + in-memory rate limit;
* Powertools' ``validate()`` on the same body (it compiles the schema on every call).

With ``--repeat N`` every row is measured in N interleaved rounds (so a burst of load elsewhere
hits all rows alike) and the table shows the median of the N medians and of the N p99s. ``--cpu``
times calls (and imports) in CPU time, not wall time: on a machine shared with other work the
figures then leave out the time the process waited for a CPU, which otherwise dominates the p99.
The security log writer is a no-op function, so log lines are built (and redacted) but no I/O
is timed. Checks written by the other guard parts (JWTAuth, InjectionCheck, RateLimit) are used
when present; a missing one is reported and its column skipped. Import time is measured in fresh
interpreters, with the list of scanner modules that got imported (must be empty).
"""

from __future__ import annotations

import argparse
import base64
import hashlib
import hmac
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from typing import Any

SCHEMA: dict[str, Any] = {
    "type": "object",
    "properties": {
        "order_id": {"type": "string", "pattern": "^[A-Z0-9-]{6,20}$"},
        "customer": {
            "type": "object",
            "properties": {
                "name": {"type": "string", "maxLength": 100},
                "email": {"type": "string", "maxLength": 200},
            },
            "required": ["name", "email"],
        },
        "items": {
            "type": "array",
            "maxItems": 50,
            "items": {
                "type": "object",
                "properties": {
                    "sku": {"type": "string"},
                    "qty": {"type": "integer", "minimum": 1},
                    "note": {"type": "string", "maxLength": 200},
                },
                "required": ["sku", "qty"],
            },
        },
        "coupon": {"type": "string"},
    },
    "required": ["order_id", "customer", "items"],
}

HS_KEY = b"benchmark-secret-key-of-32-bytes!!"
SCANNER_PREFIXES = (
    "faasguard.core",
    "faasguard.model",
    "faasguard.loaders",
    "faasguard.rules",
    "faasguard.analysis",
    "faasguard.report",
    "faasguard.cli",
    "faasguard.iam",
)


def _b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def hs256_token(now: float) -> str:
    """A compact HS256 JWT (built here so the benchmark needs no PyJWT to create it)."""
    header = _b64url(json.dumps({"alg": "HS256", "typ": "JWT"}).encode())
    claims = {
        "sub": "user-42",
        "iss": "https://issuer.example",
        "aud": "orders",
        "exp": int(now) + 3600,
        "iat": int(now),
    }
    payload = _b64url(json.dumps(claims).encode())
    signing_input = f"{header}.{payload}".encode()
    signature = _b64url(hmac.new(HS_KEY, signing_input, hashlib.sha256).digest())
    return f"{header}.{payload}.{signature}"


def make_event(token: str) -> dict[str, Any]:
    body = {
        "order_id": "ORD-2024-0001",
        "customer": {"name": "Ada Lovelace", "email": "ada@example.com"},
        "items": [
            {"sku": "SKU-1001", "qty": 2, "note": "gift wrap please"},
            {"sku": "SKU-2002", "qty": 1, "note": "leave at the door"},
        ],
        "coupon": "SPRING-10",
    }
    return {
        "resource": "/orders",
        "path": "/orders",
        "httpMethod": "POST",
        "headers": {
            "Accept": "application/json",
            "Authorization": f"Bearer {token}",
            "Content-Type": "application/json",
            "Host": "abc123.execute-api.eu-west-1.amazonaws.com",
            "User-Agent": "Mozilla/5.0 (X11; Linux x86_64) benchmark",
            "X-Forwarded-For": "203.0.113.10",
        },
        "multiValueHeaders": None,
        "queryStringParameters": {"source": "web", "lang": "en"},
        "multiValueQueryStringParameters": None,
        "pathParameters": None,
        "requestContext": {
            "requestId": "c6af9ac6-7b61-11e6-9a41-93e8deadbeef",
            "stage": "prod",
            "identity": {"sourceIp": "203.0.113.10", "userAgent": "benchmark"},
        },
        "body": json.dumps(body),
        "isBase64Encoded": False,
    }


def bare_handler(event: Any, context: Any) -> dict[str, Any]:
    return {"statusCode": 200, "body": "ok"}


def measure(
    fn: Callable[[], Any], iterations: int, clock: Callable[[], int] = time.perf_counter_ns
) -> tuple[float, float]:
    """Median and p99 in microseconds (wall time; ``time.thread_time_ns`` for CPU time)."""
    for _ in range(min(200, iterations)):
        fn()
    samples = []
    for _ in range(iterations):
        start = clock()
        fn()
        samples.append(clock() - start)
    samples.sort()
    p99 = samples[min(len(samples) - 1, int(len(samples) * 0.99))]
    return statistics.median(samples) / 1000, p99 / 1000


def optional_checks(now: float) -> tuple[dict[str, Any], list[str]]:
    """JWTAuth, InjectionCheck and RateLimit from the other guard parts, when present."""
    checks: dict[str, Any] = {}
    notes: list[str] = []
    try:
        from faasguard.guard.auth import JWTAuth

        checks["jwt"] = JWTAuth(
            algorithms=["HS256"], key=HS_KEY, issuer="https://issuer.example", audience="orders"
        )
    except Exception as exc:  # missing part or dependency: skip the column
        notes.append(f"JWTAuth unavailable: {type(exc).__name__}: {exc}")
    try:
        from faasguard.guard.detect import InjectionCheck

        checks["detect"] = InjectionCheck()
    except Exception as exc:
        notes.append(f"InjectionCheck unavailable: {type(exc).__name__}: {exc}")
    try:
        from faasguard.guard.ratelimit import RateLimit

        checks["ratelimit"] = RateLimit(10**9, 60.0)
    except Exception as exc:
        notes.append(f"RateLimit unavailable: {type(exc).__name__}: {exc}")
    return checks, notes


Case = tuple[str, Callable[[], Any], int]


def _injection_split(event: dict[str, Any], check: Any, iterations: int) -> list[Case]:
    """InjectionCheck's walk of the request, and detect() on the strings the walk yields."""
    from faasguard.guard import normalize
    from faasguard.guard.detect import detect

    labelled = getattr(check, "_strings", None)
    if labelled is None:  # private methods of InjectionCheck: gone if the detect part changed them
        return []
    (request,) = normalize(event)
    request.json()  # parsed once per request in the guard too: not part of either figure
    strings = [(text, kinds) for _, text, kinds in labelled(request)]
    groups = getattr(check, "_groups", None)  # an unlabelled walk, where there is one
    label = "unlabelled" if groups is not None else "labelled"

    def walk() -> None:
        for _ in (groups or labelled)(request):
            pass

    def scan() -> None:
        for text, kinds in strings:
            detect(text, kinds=kinds)

    return [
        (f"  InjectionCheck walk only ({label}, {len(strings)} strings)", walk, iterations),
        ("  detect() on those strings", scan, iterations),
    ]


def handler_cases(iterations: int) -> tuple[list[Case], list[str]]:
    from faasguard.guard import SecurityLogger, guard

    now = time.time()
    event = make_event(hs256_token(now))
    logger = SecurityLogger(lambda line: None, environ={"AWS_LAMBDA_FUNCTION_NAME": "bench"})
    # log_allowed=True: a line per allowed request (AllowLog.EACH, formerly the default)
    each = SecurityLogger(
        lambda line: None, environ={"AWS_LAMBDA_FUNCTION_NAME": "bench"}, log_allowed=True
    )
    checks, notes = optional_checks(now)
    cases: list[Case] = [("bare handler", lambda: bare_handler(event, None), iterations)]

    def add(label: str, wrapped: Callable[[Any, Any], Any]) -> None:
        result = wrapped(event, None)
        if result != {"statusCode": 200, "body": "ok"}:
            notes.append(f"{label}: event was rejected ({result}); numbers not comparable")
        cases.append((label, lambda: wrapped(event, None), iterations))

    add("guard: no checks (allow counted)", guard(logger=logger)(bare_handler))
    add("guard: no checks, a log line per allow", guard(logger=each)(bare_handler))
    add("guard: schema", guard(schema=SCHEMA, logger=logger)(bare_handler))
    if "detect" in checks:
        add(
            "guard: schema + injection scan",
            guard(checks["detect"], schema=SCHEMA, logger=logger)(bare_handler),
        )
        cases.extend(_injection_split(event, checks["detect"], iterations))
    full = [checks[k] for k in ("ratelimit", "jwt", "detect") if k in checks]
    label = "guard: schema + " + " + ".join(
        k for k in ("ratelimit", "jwt", "detect") if k in checks
    )
    add(label, guard(*full, schema=SCHEMA, logger=logger)(bare_handler))
    try:
        from aws_lambda_powertools.utilities.validation import validate

        body = json.loads(event["body"])
        cases.append(
            (
                "powertools validate() (compiles per call)",
                lambda: validate(event=body, schema=SCHEMA),
                max(50, iterations // 50),
            )
        )
    except ImportError:
        notes.append("aws-lambda-powertools not installed: its column skipped")
    return cases, notes


def handler_rows(
    iterations: int, repeat: int, clock: Callable[[], int]
) -> tuple[list[tuple[str, float, float]], list[str]]:
    """Median of the per-round medians and p99s, rounds interleaved across the rows."""
    cases, notes = handler_cases(iterations)
    results: list[list[tuple[float, float]]] = [[] for _ in cases]
    for _ in range(repeat):
        for index, (_, fn, count) in enumerate(cases):
            results[index].append(measure(fn, count, clock))
    rows = [
        (
            label,
            statistics.median(m for m, _ in runs),
            statistics.median(p for _, p in runs),
        )
        for (label, _, _), runs in zip(cases, results, strict=True)
    ]
    return rows, notes


def import_rows(
    runs: int, timer: str = "perf_counter"
) -> tuple[list[tuple[str, float]], list[str]]:
    """Import time in fresh interpreters, by ``time.<timer>`` (``process_time`` for CPU time)."""
    probe = (
        "import sys, time, json\n"
        f"t = time.{timer}()\n"
        "import faasguard.guard\n"
        f"d = time.{timer}() - t\n"
        f"bad = [m for m in sys.modules if m.startswith({SCANNER_PREFIXES!r})]\n"
        "print(json.dumps([d * 1000, bad]))\n"
    )
    # The stdlib modules the guard needs are imported first, then the guard alone is timed.
    baseline = (
        "import time\n"
        "import typing, dataclasses, enum, json, re, contextvars, functools\n"
        f"t = time.{timer}()\n"
        "import faasguard.guard\n"
        f"print((time.{timer}() - t) * 1000)\n"
    )
    guard_ms: list[float] = []
    base_ms: list[float] = []
    scanner: set[str] = set()
    with tempfile.TemporaryDirectory() as cache:
        # Bytecode cached as in a deployed package, even if the caller's environment sets
        # PYTHONDONTWRITEBYTECODE (which would make every import compile its source).
        env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
        env["PYTHONPYCACHEPREFIX"] = cache

        def run(code: str) -> str:
            return subprocess.run(
                [sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env
            ).stdout

        run(probe)  # warm the bytecode cache
        run(baseline)
        for _ in range(runs):
            ms, bad = json.loads(run(probe))
            guard_ms.append(ms)
            scanner.update(bad)
            base_ms.append(float(run(baseline)))
    rows = [
        ("import faasguard.guard, fresh interpreter", statistics.median(guard_ms)),
        ("  same, its stdlib deps already loaded", statistics.median(base_ms)),
    ]
    notes = [f"scanner modules imported: {sorted(scanner) or 'none'}"]
    return rows, notes


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--iterations", type=int, default=20000)
    parser.add_argument("--import-runs", type=int, default=15)
    parser.add_argument("--quick", action="store_true", help="2000 iterations, 5 import runs")
    parser.add_argument(
        "--repeat", type=int, default=1, help="rounds per row; report medians of medians"
    )
    parser.add_argument(
        "--cpu",
        action="store_true",
        help="time each call in thread CPU time (steadier on a loaded machine; excludes waits)",
    )
    args = parser.parse_args()
    iterations = 2000 if args.quick else args.iterations
    import_runs = 5 if args.quick else args.import_runs
    repeat = max(1, args.repeat)

    event_size = len(json.dumps(make_event(hs256_token(time.time()))))
    print(
        f"Python {sys.version.split()[0]}, event {event_size} bytes, "
        f"{iterations} calls per row and round, {repeat} round(s), "
        f"{'thread CPU' if args.cpu else 'wall'} time, "
        f"load average {os.getloadavg()[0]:.2f} on {os.cpu_count()} CPUs"
    )
    clock = time.thread_time_ns if args.cpu else time.perf_counter_ns
    rows, notes = handler_rows(iterations, repeat, clock)
    width = max(len(r[0]) for r in rows) + 2
    print(f"\n{'configuration':<{width}}{'median us':>11}{'p99 us':>11}")
    for label, median, p99 in rows:
        print(f"{label:<{width}}{median:>11.1f}{p99:>11.1f}")
    imports, import_notes = import_rows(import_runs, "process_time" if args.cpu else "perf_counter")
    print(f"\n{'import':<{width}}{'ms':>11}")
    for label, ms in imports:
        print(f"{label:<{width}}{ms:>11.1f}")
    for note in notes + import_notes:
        print(f"note: {note}")
    print(f"load average at the end: {os.getloadavg()[0]:.2f}")
    return 1 if any("scanner modules imported: [" in n for n in import_notes) else 0


if __name__ == "__main__":
    raise SystemExit(main())
