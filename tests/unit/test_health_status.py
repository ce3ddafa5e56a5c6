"""Specification of a server's health: status, settings and history."""

from __future__ import annotations

import json

import pytest

from custom_components.qbittorrent_multi.health import (
    HISTORY_SIZE,
    CircuitState,
    FailureKind,
    HealthMonitor,
    HealthSettings,
    HealthStatus,
    ProbeOutcome,
)
from tests.unit.health_monitors import (
    INTERVAL,
    FakeClock,
    fail,
    make_monitor,
)

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


@pytest.mark.parametrize(
    ("failures", "status", "circuit"),
    [
        (2, HealthStatus.WARNING, CircuitState.CLOSED),
        (3, HealthStatus.UNHEALTHY, CircuitState.OPEN),
    ],
    ids=["below the threshold: warning, closed", "at the threshold: unhealthy, open"],
)
def test_failures_against_the_threshold_set_status_and_circuit(
    clock: FakeClock, failures: int, status: HealthStatus, circuit: CircuitState
) -> None:
    monitor = make_monitor(clock, HealthSettings(failure_threshold=3))

    fail(monitor, failures)

    assert monitor.status is status
    assert monitor.circuit is circuit
    assert monitor.consecutive_failures == failures


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
