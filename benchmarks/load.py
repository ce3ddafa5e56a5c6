"""The load row: fifty servers, 30% of them dark, some with 10,000 torrents.

Measures what a user would feel: whether the healthy servers keep their
schedule, how long the event loop is ever held, that no more polls run at
once than the fleet's cap, and whether memory stays flat as polls go on.
"""

from __future__ import annotations

import asyncio
import contextlib
from dataclasses import dataclass
import gc
import os
from types import TracebackType
from typing import Self

from homeassistant.core import HomeAssistant

from custom_components.qbittorrent_multi.const import DEFAULT_MAX_CONCURRENT_POLLS
from custom_components.qbittorrent_multi.switcher import get_switcher

from .fleet import INTERVAL, Fleet, FleetFigures

BIG_TORRENTS = 10_000


@dataclass(frozen=True, slots=True)
class LoadFigures:
    """One load run."""

    fleet: FleetFigures
    big: int
    cap: int
    most_in_flight: int
    most_waiting: int
    rss_start: int
    rss_end: int
    # The torrents all the servers hold (a dark server keeps what it held
    # when it went away).
    torrents: int

    @property
    def bytes_per_torrent(self) -> float:
        """Resident memory of the whole process, per torrent the fleet holds.

        The whole process, not what the fleet added: memory the benchmark's
        earlier rows freed is reused, so a difference would understate it.
        """
        return self.rss_start / self.torrents


def resident_bytes() -> int:
    """Resident memory of this process, after collecting garbage."""
    gc.collect()
    with open("/proc/self/statm", encoding="ascii") as statm:
        pages = int(statm.read().split()[1])
    return pages * os.sysconf("SC_PAGE_SIZE")


class SlotWatcher:
    """Samples the fleet's poll slots: how many are held, how many wait."""

    def __init__(self, slots: asyncio.Semaphore, period: float = 0.005) -> None:
        """Watch `slots` every `period` seconds while entered."""
        self._slots = slots
        self._period = period
        self.most_in_flight = 0
        self.most_waiting = 0
        self._task: asyncio.Task[None] | None = None

    async def _sample(self) -> None:
        while True:
            held = DEFAULT_MAX_CONCURRENT_POLLS - self._slots._value
            waiting = len(self._slots._waiters or ())
            self.most_in_flight = max(self.most_in_flight, held)
            self.most_waiting = max(self.most_waiting, waiting)
            await asyncio.sleep(self._period)

    async def __aenter__(self) -> Self:
        """Start sampling."""
        self._task = asyncio.create_task(self._sample())
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        """Stop sampling."""
        assert self._task is not None
        self._task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await self._task


async def measure_load(
    hass: HomeAssistant,
    *,
    servers: int,
    dark: int,
    big: int,
    torrents: int,
    seconds: float,
) -> LoadFigures:
    """Set up `servers` entries (`dark` of them then switched off) and watch them."""
    fleet = Fleet(hass, torrents)
    try:
        await fleet.add_healthy(big, torrents=BIG_TORRENTS)
        await fleet.add_healthy(servers - dark - big)
        await fleet.add_dark(dark)
        # One interval for every server to be on its steady schedule.
        await asyncio.sleep(INTERVAL + 2)
        rss_start = resident_bytes()
        async with SlotWatcher(get_switcher(hass).polling.slots) as watcher:
            figures = await fleet.measure(seconds)
        rss_end = resident_bytes()
    finally:
        await fleet.close()
    return LoadFigures(
        fleet=figures,
        big=big,
        cap=DEFAULT_MAX_CONCURRENT_POLLS,
        most_in_flight=watcher.most_in_flight,
        most_waiting=watcher.most_waiting,
        rss_start=rss_start,
        rss_end=rss_end,
        torrents=big * BIG_TORRENTS + (servers - big) * torrents,
    )
