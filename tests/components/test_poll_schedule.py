"""When the servers of a fleet are polled: together, when they are due in the same second."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from unittest.mock import patch

from homeassistant.core import HomeAssistant, callback
from homeassistant.helpers.event import RANDOM_MICROSECOND_MAX, RANDOM_MICROSECOND_MIN

from tests.components.server_entries import add_server, coordinator_of
from tests.live_fixtures import StartFakeQBittorrent

# Home Assistant gives each coordinator a random fraction of a second to poll
# at; these two are far apart, so that servers left to them poll apart.
_FRACTIONS_HOME_ASSISTANT_WOULD_PICK = (100_000, 400_000)
_STEP = 0.005


@dataclass(slots=True)
class _Clock:
    """The event loop's clock, moved by the test only."""

    now: float

    def __call__(self) -> float:
        return self.now


@contextmanager
def _loop_clock(hass: HomeAssistant, start: float) -> Iterator[_Clock]:
    clock = _Clock(start)
    with patch.object(hass.loop, "time", clock):
        yield clock


async def test_servers_due_in_the_same_second_are_polled_at_once(
    hass: HomeAssistant, fake_qbittorrent: StartFakeQBittorrent
) -> None:
    """Two servers set up within one second are polled in the same moment, every time."""
    polls: dict[str, list[float]] = {}
    entries = []
    with (
        _loop_clock(hass, 1000.2) as clock,
        patch(
            "homeassistant.helpers.update_coordinator.randint",
            side_effect=_FRACTIONS_HOME_ASSISTANT_WOULD_PICK,
        ),
    ):
        for name, moment in (("NAS", 1000.2), ("Seedbox", 1000.9)):
            clock.now = moment
            entry = await add_server(hass, await fake_qbittorrent("5.3"), name)
            entries.append(entry)
            coordinator = coordinator_of(entry)
            times = polls.setdefault(name, [])

            @callback
            def record(times: list[float] = times) -> None:
                times.append(clock.now)

            entry.async_on_unload(coordinator.async_add_listener(record))
        interval = coordinator.update_interval
        assert interval is not None

        # Two intervals on, in steps of a few milliseconds.
        steps = round((2 * interval.total_seconds() + 1) / _STEP)
        for step in range(steps):
            clock.now = 1001.0 + step * _STEP
            await hass.async_block_till_done(wait_background_tasks=True)
        # Unloaded on this clock: their next polls are due on it.
        for entry in entries:
            await hass.config_entries.async_unload(entry.entry_id)

    assert len(polls["NAS"]) == 2
    assert polls["NAS"] == polls["Seedbox"]
    # At a fraction of the second in the range Home Assistant picks from (seen
    # at the first step of the clock at or after it).
    fraction = polls["NAS"][0] - 1010
    earliest = RANDOM_MICROSECOND_MIN / 10**6
    latest = RANDOM_MICROSECOND_MAX / 10**6 + _STEP
    assert earliest <= fraction <= latest
