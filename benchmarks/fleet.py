"""A fleet of servers polled on schedule: the integration's CPU share of one core.

Every server is a full server entry with its entities, and the switcher's
sensors add them up, exactly as in a real installation. The fake servers run
in processes of their own and churn their torrents on their own timer.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterable
import contextlib
import dataclasses
from dataclasses import dataclass, field
import itertools
import math
import statistics
import time

from homeassistant.core import HomeAssistant, callback

from .fake_process import FakeProcess
from .loop_lag import LoopLagSampler
from .server_entries import add_server, coordinator_of

INTERVAL = 10.0
SERVERS_PER_PROCESS = 10
# The CPU window is cut into this many: a shared machine's load comes and
# goes, and the median of several windows says more than one mean.
CPU_WINDOWS = 4


@dataclass(frozen=True, slots=True)
class FleetFigures:
    """One measured window of a fleet."""

    healthy: int
    dark: int
    torrents: int
    seconds: float
    # The median of the windows' shares, and each of them.
    cpu_share: float
    cpu_shares: tuple[float, ...]
    polls: int
    median_interval: float
    longest_interval: float
    # From a window of their own, with a sampler (sampling costs CPU time).
    longest_stall: float | None
    longest_busy: float | None
    longest_gc: float | None
    dark_attempts: int


@dataclass(slots=True)
class _PollLog:
    """When each server last answered, and failed attempts at dark ones."""

    times: dict[str, list[float]] = field(default_factory=dict)
    failures: int = 0


class Fleet:
    """Server entries against fake processes; some may go dark."""

    def __init__(self, hass: HomeAssistant, torrents: int) -> None:
        """An empty fleet."""
        self.hass = hass
        self.torrents = torrents
        self.healthy: list[str] = []
        self.dark: list[str] = []
        self._processes: list[FakeProcess] = []
        self._log = _PollLog()

    async def _add(
        self, count: int, *, dark: bool, torrents: int | None = None
    ) -> list[str]:
        added: list[str] = []
        for first in range(0, count, SERVERS_PER_PROCESS):
            size = min(SERVERS_PER_PROCESS, count - first)
            fake = await FakeProcess.start(
                torrents=torrents or self.torrents,
                servers=size,
                churn=0.01,
                interval=0 if dark else INTERVAL,
                seed=len(self._processes) * 1000,
            )
            self._processes.append(fake)
            for server in fake.servers:
                number = len(self.healthy) + len(self.dark) + len(added) + 1
                entry_id = await add_server(self.hass, server, f"Server {number:02}")
                self._follow(entry_id)
                added.append(entry_id)
            if dark:
                # Gone after setup, as a server that is switched off or crashed.
                await fake.stop()
        return added

    def _follow(self, entry_id: str) -> None:
        coordinator = coordinator_of(self.hass, entry_id)

        @callback
        def on_update() -> None:
            if coordinator.last_update_success:
                self._log.times.setdefault(entry_id, []).append(time.monotonic())
            else:
                self._log.failures += 1

        coordinator.async_add_listener(on_update)

    async def add_healthy(self, count: int, *, torrents: int | None = None) -> None:
        """Add servers that stay up (with the fleet's torrent count unless given)."""
        self.healthy += await self._add(count, dark=False, torrents=torrents)

    async def add_dark(self, count: int) -> None:
        """Add servers, then take them away."""
        self.dark += await self._add(count, dark=True)

    async def measure(self, seconds: float) -> FleetFigures:
        """CPU share and poll intervals over `seconds`, then stalls over half as long.

        The stall sampler costs about a percent of a core itself, so it only
        runs after the CPU window, in a window of its own.
        """
        figures = await self._window(seconds, sample_lag=False, windows=CPU_WINDOWS)
        stalls = await self._window(seconds / 2, sample_lag=True)
        return dataclasses.replace(
            figures,
            longest_stall=stalls.longest_stall,
            longest_busy=stalls.longest_busy,
            longest_gc=stalls.longest_gc,
        )

    async def _window(
        self, seconds: float, *, sample_lag: bool, windows: int = 1
    ) -> FleetFigures:
        self._log = _PollLog()
        # A coarse period keeps the sampler cheap; it still sees any stall
        # longer than the period.
        sampler = LoopLagSampler(period=0.01)
        shares: list[float] = []
        wall = 0.0
        async with sampler if sample_lag else contextlib.nullcontext():
            for _ in range(windows):
                # Process time of this process only: the fake servers run in
                # processes of their own.
                cpu_before = time.process_time()
                wall_before = time.monotonic()
                await asyncio.sleep(seconds / windows)
                elapsed = time.monotonic() - wall_before
                shares.append((time.process_time() - cpu_before) / elapsed)
                wall += elapsed
        intervals = list(
            _intervals(self._log.times.get(entry_id, []) for entry_id in self.healthy)
        )
        return FleetFigures(
            healthy=len(self.healthy),
            dark=len(self.dark),
            torrents=self.torrents,
            seconds=wall,
            cpu_share=statistics.median(shares),
            cpu_shares=tuple(shares),
            polls=sum(len(self._log.times.get(e, [])) for e in self.healthy),
            median_interval=statistics.median(intervals) if intervals else math.nan,
            longest_interval=max(intervals, default=math.nan),
            longest_stall=sampler.longest if sample_lag else None,
            longest_busy=sampler.longest_busy if sample_lag else None,
            longest_gc=sampler.longest_gc if sample_lag else None,
            dark_attempts=self._log.failures,
        )

    async def close(self) -> None:
        """Unload every entry, then stop the fake processes."""
        for entry_id in (*self.healthy, *self.dark):
            await self.hass.config_entries.async_unload(entry_id)
        for fake in self._processes:
            await fake.stop()


def _intervals(series: Iterable[list[float]]) -> Iterable[float]:
    for times in series:
        yield from (later - earlier for earlier, later in itertools.pairwise(times))
