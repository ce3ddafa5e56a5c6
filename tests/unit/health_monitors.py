"""Health monitors on a clock that only moves when told to, for the tests."""

from __future__ import annotations

import random

from custom_components.qbittorrent_multi.health import (
    FailureKind,
    HealthMonitor,
    HealthSettings,
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
    """A monitor whose circuit has just opened."""
    monitor = make_monitor(clock, settings)
    fail(monitor, settings.failure_threshold)
    monitor.next_delay(INTERVAL)
    return monitor
