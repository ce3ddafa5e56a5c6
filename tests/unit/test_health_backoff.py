"""Specification of a server's health: backoff, circuit breaker, bans and logins."""

from __future__ import annotations

import random

from hypothesis import given, strategies as st
import pytest

from custom_components.qbittorrent_multi.health import (
    BAN_MARGIN,
    SCHEDULE_TOLERANCE,
    CircuitState,
    FailureKind,
    HealthMonitor,
    HealthSettings,
    HealthStatus,
)
from tests.unit.health_monitors import (
    INTERVAL,
    FakeClock,
    fail,
    make_monitor,
    open_circuit,
)

# Backoff


def test_without_failures_the_delay_is_the_interval(clock: FakeClock) -> None:
    monitor = make_monitor(clock, HealthSettings(jitter=0.1))

    assert monitor.next_delay(INTERVAL) == INTERVAL


def test_the_delay_starts_at_the_interval_and_doubles_per_failure_up_to_the_cap(
    clock: FakeClock,
) -> None:
    monitor = make_monitor(clock, HealthSettings(jitter=0.0, max_backoff=300.0))
    delays = []
    for _ in range(7):
        fail(monitor)
        delays.append(monitor.next_delay(INTERVAL))

    assert delays == [10.0, 20.0, 40.0, 80.0, 160.0, 300.0, 300.0]


def test_an_interval_longer_than_max_backoff_is_never_shortened(
    clock: FakeClock,
) -> None:
    monitor = make_monitor(clock, HealthSettings(max_backoff=60.0))
    fail(monitor, 4)

    assert monitor.next_delay(600.0) == 600.0


def test_jitter_moves_the_delay_by_at_most_the_jitter_fraction(
    clock: FakeClock,
) -> None:
    delays = set()
    for seed in range(20):
        monitor = make_monitor(clock, HealthSettings(jitter=0.1), seed=seed)
        fail(monitor, 3)
        delays.add(monitor.next_delay(INTERVAL))

    assert all(36.0 <= delay <= 44.0 for delay in delays)
    assert len(delays) > 1


def test_the_delay_stays_the_same_until_the_next_outcome(clock: FakeClock) -> None:
    monitor = make_monitor(clock, HealthSettings(jitter=0.1), seed=7)
    fail(monitor, 3)

    assert monitor.next_delay(INTERVAL) == monitor.next_delay(INTERVAL)


def test_a_success_brings_the_delay_back_to_the_interval(clock: FakeClock) -> None:
    monitor = make_monitor(clock)
    fail(monitor, 6)

    monitor.record_success(0.1)

    assert monitor.next_delay(INTERVAL) == INTERVAL


@pytest.mark.parametrize("interval", [0.0, -1.0])
def test_a_non_positive_interval_is_rejected(clock: FakeClock, interval: float) -> None:
    monitor = make_monitor(clock)

    with pytest.raises(ValueError, match="interval"):
        monitor.next_delay(interval)


@given(
    failures=st.integers(min_value=0, max_value=2000),
    seed=st.integers(),
    interval=st.floats(min_value=0.5, max_value=3600.0),
    max_backoff=st.floats(min_value=0.0, max_value=86_400.0),
    jitter=st.floats(min_value=0.0, max_value=0.99),
)
def test_any_delay_lies_between_the_interval_and_the_cap(
    failures: int, seed: int, interval: float, max_backoff: float, jitter: float
) -> None:
    settings = HealthSettings(max_backoff=max_backoff, jitter=jitter)
    monitor = HealthMonitor(settings, clock=FakeClock(), rng=random.Random(seed))
    fail(monitor, failures)

    delay = monitor.next_delay(interval)

    assert interval <= delay <= max(interval, max_backoff)


@given(
    failures=st.integers(min_value=0, max_value=200),
    interval=st.floats(min_value=0.5, max_value=3600.0),
    max_backoff=st.floats(min_value=0.0, max_value=86_400.0),
)
def test_without_jitter_the_delay_never_shrinks_as_failures_accumulate(
    failures: int, interval: float, max_backoff: float
) -> None:
    settings = HealthSettings(max_backoff=max_backoff, jitter=0.0)
    monitor = HealthMonitor(settings, clock=FakeClock())
    fail(monitor, failures)
    before = monitor.next_delay(interval)

    fail(monitor)

    assert monitor.next_delay(interval) >= before


# Circuit breaker


def in_trial(clock: FakeClock) -> tuple[HealthMonitor, float]:
    """A monitor whose open circuit waited out its delay; the trial has started."""
    monitor = open_circuit(clock)
    delay = monitor.next_delay(INTERVAL)
    clock.advance(delay)
    monitor.start_attempt(INTERVAL)
    return monitor, delay


def test_a_closed_circuit_allows_every_attempt(clock: FakeClock) -> None:
    monitor = make_monitor(clock)
    fail(monitor, 2)

    assert monitor.may_attempt(INTERVAL)
    assert monitor.circuit is CircuitState.CLOSED


# A scheduler may fire a little early; that must not cost a whole step.
@pytest.mark.parametrize(
    ("early", "allowed"),
    [(SCHEDULE_TOLERANCE + 0.001, False), (SCHEDULE_TOLERANCE, True)],
    ids=["earlier than the tolerance: refused", "within the tolerance: allowed"],
)
def test_an_open_circuit_allows_attempts_from_a_moment_before_its_delay_ends(
    clock: FakeClock, early: float, allowed: bool
) -> None:
    monitor = open_circuit(clock)
    delay = monitor.next_delay(INTERVAL)  # 40 s after the third failure

    clock.advance(delay - early)

    assert monitor.may_attempt(INTERVAL) is allowed
    assert monitor.circuit is CircuitState.OPEN


def test_when_the_delay_has_elapsed_the_next_attempt_is_a_half_open_trial(
    clock: FakeClock,
) -> None:
    monitor = open_circuit(clock)
    clock.advance(monitor.next_delay(INTERVAL))

    assert monitor.start_attempt(INTERVAL)
    assert monitor.circuit is CircuitState.HALF_OPEN


def test_a_successful_trial_closes_the_circuit(clock: FakeClock) -> None:
    monitor, _ = in_trial(clock)

    monitor.record_success(0.2)

    assert monitor.circuit is CircuitState.CLOSED
    assert monitor.status is HealthStatus.HEALTHY


def test_a_failed_trial_reopens_the_circuit_with_a_longer_delay(
    clock: FakeClock,
) -> None:
    monitor, first_delay = in_trial(clock)

    fail(monitor)

    assert monitor.circuit is CircuitState.OPEN
    assert monitor.next_delay(INTERVAL) > first_delay
    assert not monitor.may_attempt(INTERVAL)


def test_a_failed_trial_reopens_the_circuit_even_below_the_threshold(
    clock: FakeClock,
) -> None:
    monitor = make_monitor(clock, HealthSettings(failure_threshold=3, jitter=0.0))
    monitor.record_failure(FailureKind.AUTH, "Authentication failed")
    clock.advance(monitor.next_delay(INTERVAL))
    monitor.start_attempt(INTERVAL)

    fail(monitor)

    assert monitor.circuit is CircuitState.OPEN
    assert monitor.status is HealthStatus.UNHEALTHY


def test_asking_whether_to_attempt_changes_nothing(clock: FakeClock) -> None:
    monitor = open_circuit(clock)
    clock.advance(monitor.next_delay(INTERVAL))

    answers = {monitor.may_attempt(INTERVAL) for _ in range(3)}

    assert answers == {True}
    assert monitor.circuit is CircuitState.OPEN
    assert monitor.next_delay(INTERVAL) == monitor.next_delay(INTERVAL)


def test_an_attempt_that_may_not_be_made_cannot_be_started(clock: FakeClock) -> None:
    monitor = open_circuit(clock)

    with pytest.raises(RuntimeError):
        monitor.start_attempt(INTERVAL)
    assert monitor.circuit is CircuitState.OPEN


def test_the_server_is_up_until_a_failure_and_again_after_a_success(
    clock: FakeClock,
) -> None:
    monitor = make_monitor(clock)
    up_at_start = monitor.is_up
    fail(monitor)
    down = monitor.is_up
    monitor.record_success(0.1)

    assert (up_at_start, down, monitor.is_up) == (True, False, True)


# Bans


def test_a_ban_is_unhealthy_at_once_and_opens_the_circuit(clock: FakeClock) -> None:
    monitor = make_monitor(clock, HealthSettings(failure_threshold=3))

    monitor.record_failure(FailureKind.BANNED, "Banned by the server")

    assert monitor.status is HealthStatus.UNHEALTHY
    assert monitor.circuit is CircuitState.OPEN
    assert monitor.is_banned


def test_a_ban_lasts_ban_duration_from_the_failure(clock: FakeClock) -> None:
    monitor = make_monitor(clock, HealthSettings(ban_duration=3600.0))

    monitor.record_failure(FailureKind.BANNED, "Banned by the server")

    assert monitor.banned_until == clock.now + 3600.0


def test_no_attempt_is_allowed_until_the_ban_has_expired(clock: FakeClock) -> None:
    monitor = make_monitor(clock, HealthSettings(ban_duration=3600.0))
    monitor.record_failure(FailureKind.BANNED, "Banned by the server")
    monitor.next_delay(INTERVAL)

    clock.advance(3600.0 - 0.001)
    during_ban = monitor.may_attempt(INTERVAL)
    clock.advance(0.001)

    assert not during_ban
    assert monitor.start_attempt(INTERVAL)
    assert monitor.circuit is CircuitState.HALF_OPEN


def test_while_banned_the_delay_outlasts_the_remaining_ban(clock: FakeClock) -> None:
    monitor = make_monitor(clock, HealthSettings(ban_duration=3600.0))
    monitor.record_failure(FailureKind.BANNED, "Banned by the server")
    clock.advance(1000.0)

    assert monitor.next_delay(INTERVAL) == 2600.0 + BAN_MARGIN


def test_a_ban_shorter_than_the_backoff_leaves_the_backoff_in_force(
    clock: FakeClock,
) -> None:
    monitor = make_monitor(clock, HealthSettings(ban_duration=5.0, jitter=0.0))
    fail(monitor, 5)  # 160 s of backoff
    monitor.record_failure(FailureKind.BANNED, "Banned by the server")

    assert monitor.next_delay(INTERVAL) == 300.0


@given(
    elapsed=st.floats(min_value=0.0, max_value=3599.999),
    seed=st.integers(),
)
def test_a_retry_scheduled_during_a_ban_never_lands_inside_it(
    elapsed: float, seed: int
) -> None:
    clock = FakeClock()
    monitor = HealthMonitor(HealthSettings(), clock=clock, rng=random.Random(seed))
    monitor.record_failure(FailureKind.BANNED, "Banned by the server")
    clock.advance(elapsed)

    # Even a timer that fires a second early must find the ban over.
    clock.advance(monitor.next_delay(INTERVAL) - 1.0)

    assert monitor.may_attempt(INTERVAL)


def test_a_success_after_the_ban_clears_it(clock: FakeClock) -> None:
    monitor = make_monitor(clock, HealthSettings(ban_duration=3600.0))
    monitor.record_failure(FailureKind.BANNED, "Banned by the server")
    clock.advance(3600.0)
    monitor.start_attempt(INTERVAL)

    monitor.record_success(0.1)

    assert not monitor.is_banned
    assert monitor.banned_until is None
    assert monitor.status is HealthStatus.HEALTHY
    assert monitor.next_delay(INTERVAL) == INTERVAL


# Authentication


def test_an_auth_failure_is_unhealthy_at_once_and_opens_the_circuit(
    clock: FakeClock,
) -> None:
    monitor = make_monitor(clock, HealthSettings(failure_threshold=3))

    monitor.record_failure(FailureKind.AUTH, "Authentication failed")

    assert monitor.status is HealthStatus.UNHEALTHY
    assert monitor.circuit is CircuitState.OPEN
    assert not monitor.is_banned


def test_after_auth_failures_the_delay_is_the_capped_backoff(clock: FakeClock) -> None:
    monitor = make_monitor(clock, HealthSettings(max_backoff=300.0, jitter=0.0))

    fail(monitor, 10, kind=FailureKind.AUTH)

    assert monitor.next_delay(INTERVAL) == 300.0
