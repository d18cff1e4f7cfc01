"""RateLimit as a check: callers, algorithms, retry_after, outage policy, configuration."""

from __future__ import annotations

from typing import Any

import pytest

from faasguard.guard import EventKind, GuardConfigError, GuardViolation, Request
from faasguard.guard.ratelimit import (
    RateLimit,
    by_api_key,
    by_claim,
    by_header,
    by_ip,
    by_principal,
)
from faasguard.guard.stores import Admission, MemoryStore, StoreError


class FakeClock:
    def __init__(self, now: float = 1_000.0) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now


def req(ip: str | None = "203.0.113.7", **kwargs: Any) -> Request:
    return Request(kind=EventKind.API_GATEWAY_HTTP, raw={}, source_ip=ip, **kwargs)


def admitted(check: RateLimit, request: Request) -> bool:
    try:
        check(request)
    except GuardViolation as exc:
        assert exc.status == 429
        assert exc.rule == "ratelimit.exceeded"
        return False
    return True


def test_fixed_window_rejects_past_limit_with_retry_after() -> None:
    clock = FakeClock(1_000.0)
    check = RateLimit(2, 60, clock=clock)
    assert admitted(check, req()) and admitted(check, req())
    with pytest.raises(GuardViolation) as info:
        check(req())
    assert (info.value.status, info.value.rule) == (429, "ratelimit.exceeded")
    assert info.value.retry_after == pytest.approx(20.0)  # window 960..1020
    clock.now = 1_020.0
    assert admitted(check, req())


def test_each_ip_has_its_own_limit() -> None:
    check = RateLimit(1, 60, clock=FakeClock())
    assert admitted(check, req("198.51.100.1"))
    assert not admitted(check, req("198.51.100.1"))
    assert admitted(check, req("198.51.100.2"))


def test_callers_without_a_key_share_one_anonymous_bucket() -> None:
    check = RateLimit(1, 60, clock=FakeClock())
    assert admitted(check, req(None))
    assert not admitted(check, req(None, headers={"x-forwarded-for": "10.0.0.9"}))


def test_sliding_window_crosses_the_boundary_on_a_fake_clock() -> None:
    clock = FakeClock(1_000.0)  # window 60: start of window 16 is 960, 1000 is 40 s in
    check = RateLimit(2, 60, algorithm="sliding", clock=clock)
    assert admitted(check, req()) and admitted(check, req())
    assert not admitted(check, req())
    clock.now = 1_021.0  # 1 s into the next window: prev 2 weighs 2 * 59/60 > 1
    assert not admitted(check, req())
    clock.now = 1_050.0  # 30 s in: 2 * 0.5 = 1 -> room for one
    assert admitted(check, req())
    assert not admitted(check, req())


def test_token_bucket_burst_and_refill() -> None:
    clock = FakeClock(0.0)
    check = RateLimit(1, 10, algorithm="token_bucket", burst=3, clock=clock)
    assert [admitted(check, req()) for _ in range(4)] == [True, True, True, False]
    with pytest.raises(GuardViolation) as info:
        check(req())
    assert info.value.retry_after == pytest.approx(10.0)
    clock.now = 10.0
    assert admitted(check, req())
    assert not admitted(check, req())


def test_key_functions() -> None:
    request = req(
        principal="arn:aws:iam::1:user/a",
        headers={"x-api-key": "k1", "x-tenant": "t1"},
        claims={"sub": "user-1", "tenant": "acme"},
    )
    assert by_ip(request) == "203.0.113.7"
    assert by_principal(request) == "arn:aws:iam::1:user/a"
    assert by_principal(req(claims={"sub": "user-1"})) == "user-1"
    assert by_principal(req()) is None
    assert by_api_key()(request) == "k1"
    assert by_header("X-Tenant")(request) == "t1"
    assert by_claim("tenant")(request) == "acme"
    assert by_claim("missing")(request) is None


def test_api_key_is_hashed_before_reaching_the_store() -> None:
    store = MemoryStore()
    check = RateLimit(5, 60, key="api_key", store=store, clock=FakeClock())
    check(req(headers={"x-api-key": "super-secret-key"}))
    key = check.caller_key(req(headers={"x-api-key": "super-secret-key"}))
    assert "super-secret-key" not in key
    assert check.caller_key(req(headers={"x-api-key": "other"})) != key


def test_limits_sharing_a_store_do_not_mix() -> None:
    store = MemoryStore()
    strict = RateLimit(1, 60, store=store, clock=FakeClock(), name="login")
    loose = RateLimit(100, 60, store=store, clock=FakeClock(), name="search")
    assert admitted(strict, req())
    assert admitted(loose, req())
    assert not admitted(strict, req())


class BrokenStore:
    def _fail(self, *args: Any, **kwargs: Any) -> Admission:
        raise StoreError("redis fixed_window failed: ConnectionError")

    fixed_window = sliding_window = token_bucket = _fail

    def add_nonce(self, key: str, now: float, ttl: float) -> bool:
        raise StoreError("down")


def test_store_outage_fails_closed_by_default() -> None:
    check = RateLimit(5, 60, store=BrokenStore(), clock=FakeClock())
    with pytest.raises(GuardViolation) as info:
        check(req())
    assert (info.value.status, info.value.rule) == (429, "ratelimit.store_unavailable")
    assert info.value.retry_after == 1.0


def test_store_outage_fail_open_allows_and_records_an_alert() -> None:
    check = RateLimit(5, 60, store=BrokenStore(), clock=FakeClock(), on_store_error="fail-open")
    request = req()
    check(request)
    assert [a.rule for a in request.alerts] == ["ratelimit.store_unavailable"]


def test_other_exceptions_are_not_swallowed_by_fail_open() -> None:
    class Buggy(BrokenStore):
        def fixed_window(self, *args: Any, **kwargs: Any) -> Admission:  # type: ignore[override]
            raise RuntimeError("bug")

    check = RateLimit(5, 60, store=Buggy(), clock=FakeClock(), on_store_error="fail-open")
    with pytest.raises(RuntimeError):
        check(req())


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"limit": 0, "per_seconds": 1}, "limit"),
        ({"limit": 1.5, "per_seconds": 1}, "limit"),
        ({"limit": 1, "per_seconds": 0}, "per_seconds"),
        ({"limit": 1, "per_seconds": float("inf")}, "per_seconds"),
        ({"limit": 1, "per_seconds": 1, "algorithm": "leaky"}, "algorithm"),
        ({"limit": 1, "per_seconds": 1, "on_store_error": "ignore"}, "on_store_error"),
        ({"limit": 1, "per_seconds": 1, "burst": 5}, "burst"),
        ({"limit": 1, "per_seconds": 1, "key": "cookie"}, "key"),
    ],
)
def test_misconfiguration_is_refused(kwargs: dict[str, Any], message: str) -> None:
    with pytest.raises(GuardConfigError, match=message):
        RateLimit(**kwargs)
