"""Health of one qBittorrent server, derived from the outcomes of its probes.

Pure logic: no Home Assistant import, no I/O, and the clock and the random
source are injected so that every decision can be replayed in a test.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass
from enum import StrEnum
import random
import time
from typing import TYPE_CHECKING, Any, Final

if TYPE_CHECKING:
    from collections.abc import Callable

HISTORY_SIZE: Final = 20
"""How many probe outcomes are kept for diagnostics."""

BAN_MARGIN: Final = 5.0
"""Seconds added to the remaining ban time by `HealthMonitor.next_delay`.

A scheduler may fire a little early (Home Assistant's coordinator rounds its
timer down to the second); the margin keeps even an early retry after the ban.
"""

SCHEDULE_TOLERANCE: Final = 1.0
"""Seconds by which an attempt may precede the end of an open circuit's wait.

Without it a timer that fires a fraction of a second early would find the
circuit still open and the caller would lose a whole backoff step.
"""


class HealthStatus(StrEnum):
    """How a server is doing, as shown to the user."""

    HEALTHY = "healthy"
    WARNING = "warning"
    UNHEALTHY = "unhealthy"


class FailureKind(StrEnum):
    """Why a probe failed."""

    AUTH = "auth"
    BANNED = "banned"
    CONNECTION = "connection"
    UNEXPECTED = "unexpected"


class CircuitState(StrEnum):
    """Whether the server may be contacted."""

    CLOSED = "closed"
    OPEN = "open"
    HALF_OPEN = "half_open"


@dataclass(frozen=True, kw_only=True, slots=True)
class HealthSettings:
    """Thresholds of a `HealthMonitor`; times are in seconds."""

    failure_threshold: int = 3
    slow_response: float = 2.0
    max_backoff: float = 300.0
    ban_duration: float = 3600.0
    jitter: float = 0.1

    def __post_init__(self) -> None:
        """Reject settings that would break the backoff guarantees."""
        if self.failure_threshold < 1:
            raise ValueError("failure_threshold must be at least 1")
        if self.slow_response < 0:
            raise ValueError("slow_response must not be negative")
        if self.max_backoff < 0:
            raise ValueError("max_backoff must not be negative")
        if self.ban_duration < 0:
            raise ValueError("ban_duration must not be negative")
        if not 0 <= self.jitter < 1:
            raise ValueError("jitter must be a fraction in [0, 1)")


@dataclass(frozen=True, kw_only=True, slots=True)
class ProbeOutcome:
    """One probe result kept in the history."""

    timestamp: float
    ok: bool
    response_time: float | None = None
    error_kind: FailureKind | None = None
    message: str | None = None

    def as_dict(self) -> dict[str, Any]:
        """Return a JSON-serialisable form."""
        return {
            "timestamp": self.timestamp,
            "ok": self.ok,
            "response_time_ms": milliseconds(self.response_time),
            "error_kind": None if self.error_kind is None else str(self.error_kind),
            "message": self.message,
        }


class HealthMonitor:
    """Turns the probe outcomes of one server into health, backoff and a circuit.

    The caller asks `may_attempt(interval)` before contacting the server,
    calls `start_attempt(interval)` when it does (which tells whether the
    attempt is a trial of an open circuit), reports the outcome with
    `record_success()` or `record_failure()`, and schedules the next attempt
    `next_delay(interval)` seconds later. Only `start_attempt` and the
    `record_*` methods change the monitor; every query is free of effects.
    """

    def __init__(
        self,
        settings: HealthSettings,
        *,
        clock: Callable[[], float] = time.time,
        rng: random.Random | None = None,
    ) -> None:
        """Start healthy with no history."""
        self._settings = settings
        self._clock = clock
        # Jitter only spreads retries of many servers apart; it guards nothing.
        self._rng = rng if rng is not None else random.Random()  # noqa: S311
        self._status = HealthStatus.HEALTHY
        self._circuit = CircuitState.CLOSED
        self._consecutive_failures = 0
        self._last_error: str | None = None
        self._last_error_kind: FailureKind | None = None
        self._response_time: float | None = None
        self._version: str | None = None
        self._last_checked: float | None = None
        self._last_success: float | None = None
        self._last_failure: float | None = None
        self._banned_until: float | None = None
        # One draw per failure, kept as a unit value so that next_delay is stable
        # between outcomes and a jitter change in the settings applies at once.
        self._jitter_draw = 0.5
        self._history: deque[ProbeOutcome] = deque(maxlen=HISTORY_SIZE)

    @property
    def settings(self) -> HealthSettings:
        """The settings in force."""
        return self._settings

    @property
    def status(self) -> HealthStatus:
        """Healthy, warning or unhealthy."""
        return self._status

    @property
    def circuit(self) -> CircuitState:
        """Closed, open or half-open (the next attempt is a trial)."""
        return self._circuit

    @property
    def consecutive_failures(self) -> int:
        """Failures since the last success."""
        return self._consecutive_failures

    @property
    def last_error(self) -> str | None:
        """Message of the latest failure, as the caller gave it."""
        return self._last_error

    @property
    def last_error_kind(self) -> FailureKind | None:
        """Kind of the latest failure."""
        return self._last_error_kind

    @property
    def response_time(self) -> float | None:
        """Seconds the latest successful probe took."""
        return self._response_time

    @property
    def version(self) -> str | None:
        """Server version reported by the latest success that gave one."""
        return self._version

    @property
    def last_checked(self) -> float | None:
        """Clock time of the latest outcome, success or failure."""
        return self._last_checked

    @property
    def last_success(self) -> float | None:
        """Clock time of the latest success."""
        return self._last_success

    @property
    def banned_until(self) -> float | None:
        """Clock time the server's ban on us should end; None once cleared."""
        return self._banned_until

    @property
    def is_up(self) -> bool:
        """Whether the latest outcome was a success (or there is none yet)."""
        return self._consecutive_failures == 0

    @property
    def is_banned(self) -> bool:
        """Whether a ban may still be in force now."""
        return self._banned_until is not None and self._clock() < self._banned_until

    @property
    def history(self) -> tuple[ProbeOutcome, ...]:
        """The latest outcomes, oldest first, at most `HISTORY_SIZE`."""
        return tuple(self._history)

    def set_settings(self, settings: HealthSettings) -> None:
        """Apply new settings, keeping history and state.

        Backoff cap and jitter apply at once; thresholds apply from the next outcome.
        """
        self._settings = settings

    def record_success(self, response_time: float, version: str | None = None) -> None:
        """Record a successful probe that took `response_time` seconds."""
        now = self._clock()
        self._consecutive_failures = 0
        self._circuit = CircuitState.CLOSED
        self._banned_until = None
        self._status = (
            HealthStatus.WARNING
            if response_time > self._settings.slow_response
            else HealthStatus.HEALTHY
        )
        self._response_time = response_time
        if version is not None:
            self._version = version
        self._last_checked = now
        self._last_success = now
        self._history.append(
            ProbeOutcome(timestamp=now, ok=True, response_time=response_time)
        )

    def record_failure(self, kind: FailureKind, message: str) -> None:
        """Record a failed probe; `message` must be safe to show (no secret)."""
        now = self._clock()
        self._consecutive_failures += 1
        self._last_error = message
        self._last_error_kind = kind
        self._last_checked = now
        self._last_failure = now
        self._jitter_draw = self._rng.random()
        if kind is FailureKind.BANNED:
            self._banned_until = now + self._settings.ban_duration
        # Credentials and bans do not heal on their own, and a failed trial means
        # the server is still down: none of these waits for the threshold.
        if (
            kind in (FailureKind.AUTH, FailureKind.BANNED)
            or self._circuit is not CircuitState.CLOSED
            or self._consecutive_failures >= self._settings.failure_threshold
        ):
            self._status = HealthStatus.UNHEALTHY
            self._circuit = CircuitState.OPEN
        else:
            self._status = HealthStatus.WARNING
        self._history.append(
            ProbeOutcome(timestamp=now, ok=False, error_kind=kind, message=message)
        )

    def next_delay(self, interval: float) -> float:
        """Seconds to wait before the next attempt, for a normal `interval`.

        With n consecutive failures the delay is
        ``clamp(min(interval * 2 ** (n - 1), cap) * (1 + jitter * u), interval, cap)``
        where ``cap = max(interval, max_backoff)`` and ``u`` in [-1, 1) is drawn
        once per failure. While banned it is at least the remaining ban time plus
        `BAN_MARGIN`.
        """
        if interval <= 0:
            raise ValueError("interval must be positive")
        delay = self._backoff(interval)
        if self._banned_until is not None:
            remaining = self._banned_until - self._clock()
            if remaining > 0:
                delay = max(delay, remaining + BAN_MARGIN)
        return delay

    def may_attempt(self, interval: float) -> bool:
        """Whether the server may be contacted now, polled every `interval` seconds.

        False while banned or while an open circuit is still waiting: it waits
        the backoff `next_delay(interval)` gives, from the latest failure, less
        `SCHEDULE_TOLERANCE`.
        """
        if self.is_banned:
            return False
        if self._circuit is not CircuitState.OPEN:
            return True
        assert self._last_failure is not None  # the circuit only opens on a failure
        retry_at = self._last_failure + self._backoff(interval)
        return self._clock() >= retry_at - SCHEDULE_TOLERANCE

    def start_attempt(self, interval: float) -> bool:
        """Note that the server is being contacted; return whether it is a trial.

        An open circuit whose wait is over turns half-open: the attempt is a
        trial, for which the caller should use its cheapest request. Raises
        RuntimeError when `may_attempt` says no.
        """
        if not self.may_attempt(interval):
            raise RuntimeError("the server may not be contacted now")
        if self._circuit is CircuitState.OPEN:
            self._circuit = CircuitState.HALF_OPEN
        return self._circuit is CircuitState.HALF_OPEN

    def as_dict(self) -> dict[str, Any]:
        """Return a JSON-serialisable summary for diagnostics."""
        return {
            "status": str(self._status),
            "consecutive_failures": self._consecutive_failures,
            "last_error": self._last_error,
            "last_error_kind": (
                None if self._last_error_kind is None else str(self._last_error_kind)
            ),
            "response_time_ms": milliseconds(self._response_time),
            "version": self._version,
            "last_checked": self._last_checked,
            "last_success": self._last_success,
            "circuit": str(self._circuit),
            "banned_until": self._banned_until,
            "history": [outcome.as_dict() for outcome in self._history],
        }

    def _backoff(self, interval: float) -> float:
        """Exponential backoff with jitter, kept within [interval, cap]."""
        if self._consecutive_failures == 0:
            return interval
        cap = max(interval, self._settings.max_backoff)
        # Past 2**1023 a float power overflows; the cap is reached long before.
        exponent = min(self._consecutive_failures - 1, 1023)
        base = min(interval * 2.0**exponent, cap)
        factor = 1 + self._settings.jitter * (2 * self._jitter_draw - 1)
        return min(max(base * factor, interval), cap)


def milliseconds(seconds: float | None) -> float | None:
    """Seconds as milliseconds, rounded the way they are shown everywhere."""
    return None if seconds is None else round(seconds * 1000, 1)
