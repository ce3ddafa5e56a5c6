"""Specification of a server's health: status, backoff, circuit breaker and bans."""

from __future__ import annotations

import json
import random

from hypothesis import given, strategies as st
import pytest

from custom_components.qbittorrent_multi.health import (
    BAN_MARGIN,
    HISTORY_SIZE,
    SCHEDULE_TOLERANCE,
    CircuitState,
    FailureKind,
    HealthMonitor,
    HealthSettings,
    HealthStatus,
    ProbeOutcome,
)

INTERVAL = 10.0
NO_JITTER = HealthSettings(jitter=0.0)


class FakeClock:
    """A clock that only moves when told to."""

    def __init__(self, now: float = 1_000_000.0) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


def make_monitor(
    clock: FakeClock,
    settings: HealthSettings = NO_JITTER,
    seed: int = 0,
) -> HealthMonitor:
    return HealthMonitor(settings, clock=clock, rng=random.Random(seed))


def fail(
    monitor: HealthMonitor,
    times: int = 1,
    kind: FailureKind = FailureKind.CONNECTION,
) -> None:
    for _ in range(times):
        monitor.record_failure(kind, "Cannot connect: refused")


def open_circuit(
    clock: FakeClock, settings: HealthSettings = NO_JITTER
) -> HealthMonitor:
    """A monitor whose circuit has just opened, with the caller's interval known."""
    monitor = make_monitor(clock, settings)
    fail(monitor, settings.failure_threshold)
    monitor.next_delay(INTERVAL)
    return monitor


# Status


def test_a_new_server_is_healthy_with_a_closed_circuit(clock: FakeClock) -> None:
    monitor = make_monitor(clock)

    assert monitor.status is HealthStatus.HEALTHY
    assert monitor.circuit is CircuitState.CLOSED
    assert monitor.consecutive_failures == 0
    assert monitor.last_checked is None


def test_a_fast_success_is_healthy_with_its_response_time_and_version(
    clock: FakeClock,
) -> None:
    monitor = make_monitor(clock)

    monitor.record_success(0.25, version="v5.3.0")

    assert monitor.status is HealthStatus.HEALTHY
    assert monitor.response_time == 0.25
    assert monitor.version == "v5.3.0"
    assert monitor.last_success == clock.now


def test_a_success_slower_than_the_slow_threshold_is_a_warning(
    clock: FakeClock,
) -> None:
    monitor = make_monitor(clock, HealthSettings(slow_response=2.0))

    monitor.record_success(2.01)

    assert monitor.status is HealthStatus.WARNING


def test_a_success_exactly_at_the_slow_threshold_is_healthy(clock: FakeClock) -> None:
    monitor = make_monitor(clock, HealthSettings(slow_response=2.0))

    monitor.record_success(2.0)

    assert monitor.status is HealthStatus.HEALTHY


def test_a_success_without_a_version_keeps_the_known_version(clock: FakeClock) -> None:
    monitor = make_monitor(clock)
    monitor.record_success(0.1, version="v4.5.2")

    monitor.record_success(0.1)

    assert monitor.version == "v4.5.2"


def test_failures_below_the_threshold_are_a_warning_with_the_circuit_closed(
    clock: FakeClock,
) -> None:
    monitor = make_monitor(clock, HealthSettings(failure_threshold=3))

    fail(monitor, 2)

    assert monitor.status is HealthStatus.WARNING
    assert monitor.circuit is CircuitState.CLOSED
    assert monitor.consecutive_failures == 2


def test_reaching_the_failure_threshold_is_unhealthy_and_opens_the_circuit(
    clock: FakeClock,
) -> None:
    monitor = make_monitor(clock, HealthSettings(failure_threshold=3))

    fail(monitor, 3)

    assert monitor.status is HealthStatus.UNHEALTHY
    assert monitor.circuit is CircuitState.OPEN


def test_a_failure_keeps_the_callers_message_and_kind(clock: FakeClock) -> None:
    monitor = make_monitor(clock)

    monitor.record_failure(FailureKind.UNEXPECTED, "Unexpected reply (HTTP 502)")

    assert monitor.last_error == "Unexpected reply (HTTP 502)"
    assert monitor.last_error_kind is FailureKind.UNEXPECTED


def test_a_success_after_failures_recovers_to_healthy(clock: FakeClock) -> None:
    monitor = make_monitor(clock)
    fail(monitor, 5)

    monitor.record_success(0.1)

    assert monitor.status is HealthStatus.HEALTHY
    assert monitor.circuit is CircuitState.CLOSED
    assert monitor.consecutive_failures == 0


def test_the_last_error_stays_visible_after_recovery(clock: FakeClock) -> None:
    monitor = make_monitor(clock)
    monitor.record_failure(FailureKind.CONNECTION, "Cannot connect: timeout")

    monitor.record_success(0.1)

    assert monitor.last_error == "Cannot connect: timeout"
    assert monitor.last_error_kind is FailureKind.CONNECTION


def test_last_checked_follows_every_outcome_and_last_success_only_successes(
    clock: FakeClock,
) -> None:
    monitor = make_monitor(clock)
    monitor.record_success(0.1)
    succeeded_at = clock.now
    clock.advance(30)

    fail(monitor)

    assert monitor.last_checked == clock.now
    assert monitor.last_success == succeeded_at


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


def test_a_closed_circuit_allows_every_attempt(clock: FakeClock) -> None:
    monitor = make_monitor(clock)
    fail(monitor, 2)

    assert monitor.allow_attempt()
    assert monitor.circuit is CircuitState.CLOSED


def test_an_open_circuit_refuses_attempts_until_its_delay_has_elapsed(
    clock: FakeClock,
) -> None:
    monitor = open_circuit(clock)
    delay = monitor.next_delay(INTERVAL)  # 40 s after the third failure

    clock.advance(delay - SCHEDULE_TOLERANCE - 0.001)

    assert not monitor.allow_attempt()
    assert monitor.circuit is CircuitState.OPEN


def test_an_attempt_a_moment_before_the_delay_ends_is_allowed(
    clock: FakeClock,
) -> None:
    # A scheduler may fire a little early; that must not cost a whole step.
    monitor = open_circuit(clock)
    delay = monitor.next_delay(INTERVAL)

    clock.advance(delay - SCHEDULE_TOLERANCE)

    assert monitor.allow_attempt()


def test_when_the_delay_has_elapsed_the_next_attempt_is_a_half_open_trial(
    clock: FakeClock,
) -> None:
    monitor = open_circuit(clock)
    clock.advance(monitor.next_delay(INTERVAL))

    assert monitor.allow_attempt()
    assert monitor.circuit is CircuitState.HALF_OPEN


def test_a_successful_trial_closes_the_circuit(clock: FakeClock) -> None:
    monitor = open_circuit(clock)
    clock.advance(monitor.next_delay(INTERVAL))
    monitor.allow_attempt()

    monitor.record_success(0.2)

    assert monitor.circuit is CircuitState.CLOSED
    assert monitor.status is HealthStatus.HEALTHY


def test_a_failed_trial_reopens_the_circuit_with_a_longer_delay(
    clock: FakeClock,
) -> None:
    monitor = open_circuit(clock)
    first_delay = monitor.next_delay(INTERVAL)
    clock.advance(first_delay)
    monitor.allow_attempt()

    fail(monitor)

    assert monitor.circuit is CircuitState.OPEN
    assert monitor.next_delay(INTERVAL) > first_delay
    assert not monitor.allow_attempt()


def test_a_failed_trial_reopens_the_circuit_even_below_the_threshold(
    clock: FakeClock,
) -> None:
    monitor = make_monitor(clock, HealthSettings(failure_threshold=3, jitter=0.0))
    monitor.record_failure(FailureKind.AUTH, "Authentication failed")
    clock.advance(monitor.next_delay(INTERVAL))
    monitor.allow_attempt()

    fail(monitor)

    assert monitor.circuit is CircuitState.OPEN
    assert monitor.status is HealthStatus.UNHEALTHY


def test_before_the_interval_is_known_an_open_circuit_waits_max_backoff(
    clock: FakeClock,
) -> None:
    monitor = make_monitor(clock, HealthSettings(max_backoff=300.0))
    fail(monitor, 3)

    clock.advance(300.0 - SCHEDULE_TOLERANCE - 0.001)
    refused = not monitor.allow_attempt()
    clock.advance(0.001)

    assert refused
    assert monitor.allow_attempt()


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
    during_ban = monitor.allow_attempt()
    clock.advance(0.001)

    assert not during_ban
    assert monitor.allow_attempt()
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

    assert monitor.allow_attempt()


def test_a_success_after_the_ban_clears_it(clock: FakeClock) -> None:
    monitor = make_monitor(clock, HealthSettings(ban_duration=3600.0))
    monitor.record_failure(FailureKind.BANNED, "Banned by the server")
    clock.advance(3600.0)
    monitor.allow_attempt()

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


# Settings


def test_the_default_settings() -> None:
    assert HealthSettings() == HealthSettings(
        failure_threshold=3,
        slow_response=2.0,
        max_backoff=300.0,
        ban_duration=3600.0,
        jitter=0.1,
    )


@pytest.mark.parametrize(
    "changes",
    [
        {"failure_threshold": 0},
        {"slow_response": -1.0},
        {"max_backoff": -1.0},
        {"ban_duration": -1.0},
        {"jitter": -0.1},
        {"jitter": 1.0},
    ],
)
def test_settings_out_of_range_are_rejected(changes: dict[str, float]) -> None:
    with pytest.raises(ValueError, match=next(iter(changes))):
        HealthSettings(**changes)  # type: ignore[arg-type]


def test_new_settings_keep_history_and_failures(clock: FakeClock) -> None:
    monitor = make_monitor(clock)
    monitor.record_success(0.1)
    fail(monitor, 2)

    monitor.set_settings(HealthSettings(failure_threshold=10))

    assert monitor.settings.failure_threshold == 10
    assert monitor.consecutive_failures == 2
    assert len(monitor.history) == 3


def test_a_lower_max_backoff_caps_the_delay_at_once(clock: FakeClock) -> None:
    monitor = make_monitor(clock, HealthSettings(max_backoff=300.0, jitter=0.0))
    fail(monitor, 8)

    monitor.set_settings(HealthSettings(max_backoff=60.0, jitter=0.0))

    assert monitor.next_delay(INTERVAL) == 60.0


def test_a_new_failure_threshold_applies_to_the_next_failure(clock: FakeClock) -> None:
    monitor = make_monitor(clock, HealthSettings(failure_threshold=5))
    fail(monitor, 2)

    monitor.set_settings(HealthSettings(failure_threshold=3))
    fail(monitor)

    assert monitor.status is HealthStatus.UNHEALTHY
    assert monitor.circuit is CircuitState.OPEN


def test_a_new_slow_threshold_applies_to_the_next_success(clock: FakeClock) -> None:
    monitor = make_monitor(clock, HealthSettings(slow_response=2.0))

    monitor.set_settings(HealthSettings(slow_response=0.5))
    monitor.record_success(1.0)

    assert monitor.status is HealthStatus.WARNING


# History and diagnostics


def test_history_records_each_outcome_with_its_details(clock: FakeClock) -> None:
    monitor = make_monitor(clock)
    monitor.record_success(0.3)
    clock.advance(10)
    monitor.record_failure(FailureKind.CONNECTION, "Cannot connect: timeout")

    assert monitor.history == (
        ProbeOutcome(timestamp=clock.now - 10, ok=True, response_time=0.3),
        ProbeOutcome(
            timestamp=clock.now,
            ok=False,
            error_kind=FailureKind.CONNECTION,
            message="Cannot connect: timeout",
        ),
    )


def test_history_keeps_only_the_latest_outcomes(clock: FakeClock) -> None:
    monitor = make_monitor(clock)
    for second in range(HISTORY_SIZE + 5):
        clock.now = float(second)
        monitor.record_success(0.1)

    assert len(monitor.history) == HISTORY_SIZE
    assert monitor.history[0].timestamp == 5.0
    assert monitor.history[-1].timestamp == HISTORY_SIZE + 4


def test_the_summary_survives_a_json_round_trip(clock: FakeClock) -> None:
    monitor = make_monitor(clock)
    monitor.record_success(0.1234, version="v5.3.0")
    monitor.record_failure(FailureKind.BANNED, "Banned by the server")

    summary = monitor.as_dict()

    assert json.loads(json.dumps(summary)) == summary


def test_the_summary_reports_the_state_for_diagnostics(clock: FakeClock) -> None:
    monitor = make_monitor(clock, HealthSettings(ban_duration=3600.0))
    monitor.record_success(0.1234, version="v5.3.0")
    monitor.record_failure(FailureKind.BANNED, "Banned by the server")

    assert monitor.as_dict() == {
        "status": "unhealthy",
        "consecutive_failures": 1,
        "last_error": "Banned by the server",
        "last_error_kind": "banned",
        "response_time_ms": 123.4,
        "version": "v5.3.0",
        "last_checked": clock.now,
        "last_success": clock.now,
        "circuit": "open",
        "banned_until": clock.now + 3600.0,
        "history": [
            {
                "timestamp": clock.now,
                "ok": True,
                "response_time_ms": 123.4,
                "error_kind": None,
                "message": None,
            },
            {
                "timestamp": clock.now,
                "ok": False,
                "response_time_ms": None,
                "error_kind": "banned",
                "message": "Banned by the server",
            },
        ],
    }


def test_a_new_server_summary_has_no_figures_yet(clock: FakeClock) -> None:
    summary = make_monitor(clock).as_dict()

    assert summary["response_time_ms"] is None
    assert summary["last_error_kind"] is None
    assert summary["history"] == []


def test_without_a_given_random_source_the_delay_still_respects_its_bounds() -> None:
    monitor = HealthMonitor(HealthSettings(jitter=0.5), clock=FakeClock())
    fail(monitor, 3)

    assert INTERVAL <= monitor.next_delay(INTERVAL) <= 300.0
