"""One contract, every store: memory, a real redis-server, DynamoDB through moto's server mode."""

from __future__ import annotations

import pytest

from faasguard.guard.stores import Admission, Store

WINDOW = 10.0


def test_fixed_window_admits_limit_then_denies_until_next_window(store: Store) -> None:
    now = 1000.0 + 2.5  # 7.5 s before the window ends
    answers = [store.fixed_window("k", now, WINDOW, 3) for _ in range(4)]
    assert answers[:3] == [
        Admission(True, 2, 0.0),
        Admission(True, 1, 0.0),
        Admission(True, 0, 0.0),
    ]
    assert answers[3] == Admission(False, 0, pytest.approx(7.5))
    assert store.fixed_window("k", 1009.999, WINDOW, 3).allowed is False
    assert store.fixed_window("k", 1010.0, WINDOW, 3) == Admission(True, 2, 0.0)


def test_fixed_window_keys_are_independent(store: Store) -> None:
    assert store.fixed_window("a", 50.0, WINDOW, 1).allowed
    assert not store.fixed_window("a", 50.0, WINDOW, 1).allowed
    assert store.fixed_window("b", 50.0, WINDOW, 1).allowed


def test_sliding_window_weights_previous_window(store: Store) -> None:
    for _ in range(4):
        assert store.sliding_window("s", 101.0, WINDOW, 4).allowed
    denied = store.sliding_window("s", 101.0, WINDOW, 4)
    # Next window starts at 110; prev=4 must decay to 3: 4 * (1 - t/10) <= 3 -> t = 2.5.
    assert denied == Admission(False, 0, pytest.approx(11.5))
    assert not store.sliding_window("s", 112.4, WINDOW, 4).allowed
    assert store.sliding_window("s", 112.5, WINDOW, 4).allowed


def test_sliding_window_does_not_count_denied_hits(store: Store) -> None:
    assert store.sliding_window("d", 200.0, WINDOW, 1).allowed
    for _ in range(5):
        assert not store.sliding_window("d", 205.0, WINDOW, 1).allowed
    # Only the one admitted hit weighs on the next window: at 215, weight 0.5 -> 0.5 + 0 < 1.
    # floor(1 - 1 - 0.5) = -1 < 0: still denied; at 220 the old window is gone.
    assert not store.sliding_window("d", 215.0, WINDOW, 1).allowed
    assert store.sliding_window("d", 220.0, WINDOW, 1).allowed


def test_sliding_window_remaining_counts_down(store: Store) -> None:
    remaining = [store.sliding_window("r", 300.0, WINDOW, 3).remaining for _ in range(3)]
    assert remaining == [2, 1, 0]


def test_token_bucket_refills_at_rate(store: Store) -> None:
    hits = [store.token_bucket("b", 10.0, rate=1.0, capacity=3.0) for _ in range(3)]
    assert [h.allowed for h in hits] == [True, True, True]
    assert [h.remaining for h in hits] == [2, 1, 0]
    assert store.token_bucket("b", 10.0, 1.0, 3.0) == Admission(False, 0, pytest.approx(1.0))
    assert store.token_bucket("b", 11.0, 1.0, 3.0).allowed
    assert store.token_bucket("b", 11.5, 1.0, 3.0) == Admission(False, 0, pytest.approx(0.5))


def test_token_bucket_never_exceeds_capacity(store: Store) -> None:
    assert store.token_bucket("c", 0.0, 2.0, 2.0).allowed
    # A long idle time refills to capacity, not beyond.
    results = [store.token_bucket("c", 1000.0, 2.0, 2.0).allowed for _ in range(3)]
    assert results == [True, True, False]


def test_token_bucket_ignores_clock_going_backwards(store: Store) -> None:
    assert store.token_bucket("back", 50.0, 1.0, 1.0).allowed
    assert not store.token_bucket("back", 40.0, 1.0, 1.0).allowed
    assert not store.token_bucket("back", 50.5, 1.0, 1.0).allowed
    assert store.token_bucket("back", 51.0, 1.0, 1.0).allowed


def test_token_bucket_cost(store: Store) -> None:
    assert store.token_bucket("cost", 0.0, 1.0, 5.0, cost=3.0).allowed
    denied = store.token_bucket("cost", 0.0, 1.0, 5.0, cost=3.0)
    assert denied == Admission(False, 0, pytest.approx(1.0))


def test_nonce_is_accepted_once_until_it_expires(store: Store) -> None:
    assert store.add_nonce("n1", 100.0, 30.0) is True
    assert store.add_nonce("n1", 100.0, 30.0) is False
    assert store.add_nonce("n1", 129.9, 30.0) is False
    assert store.add_nonce("n2", 100.0, 30.0) is True
    assert store.add_nonce("n1", 130.0, 30.0) is True
    assert store.add_nonce("n1", 131.0, 30.0) is False
