"""A server slower than the request timeout, beside servers that answer at once.

These tests run in wall-clock time: what they measure is Home Assistant's own
poll schedule, with real timeouts.
"""

from __future__ import annotations

import asyncio
import itertools

from homeassistant.const import STATE_UNAVAILABLE
from homeassistant.core import HomeAssistant, callback
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry

from custom_components.qbittorrent_multi.const import DEFAULT_MAX_CONCURRENT_POLLS
from tests.components.server_entries import coordinator_of, server_entry
from tests.fake_qbittorrent import FakeQBittorrent
from tests.faults.observe import our_problems, state_of
from tests.live_fixtures import StartFakeQBittorrent

pytestmark = pytest.mark.usefixtures("socket_enabled")

INTERVAL = 1
TIMEOUT = 2
SLOW_REPLY = TIMEOUT + 1.0
WATCHED_FOR = 5.0
# Home Assistant starts a poll up to half a second after its due second, and
# a poll takes a few milliseconds: this is the longest a healthy gap may be.
LONGEST_HEALTHY_GAP = INTERVAL + 0.5 + 0.3


async def add_fast_polling_server(
    hass: HomeAssistant, server: FakeQBittorrent, title: str
) -> MockConfigEntry:
    """A server entry polled every second with a two-second timeout."""
    entry = server_entry(server, title)
    entry.add_to_hass(hass)
    hass.config_entries.async_update_entry(
        entry, options={"scan_interval": INTERVAL, "request_timeout": TIMEOUT}
    )
    await hass.config_entries.async_setup(entry.entry_id)
    await hass.async_block_till_done()
    return entry


def record_successes(hass: HomeAssistant, entry: MockConfigEntry) -> list[float]:
    """Return a list that fills with the loop time of each successful poll."""
    coordinator = coordinator_of(entry)
    times: list[float] = []

    @callback
    def updated() -> None:
        if coordinator.last_update_success:
            times.append(hass.loop.time())

    entry.async_on_unload(coordinator.async_add_listener(updated))
    return times


def gaps(times: list[float]) -> list[float]:
    """Seconds between consecutive polls."""
    return [later - earlier for earlier, later in itertools.pairwise(times)]


async def test_a_slow_server_times_out_and_the_others_keep_their_schedule(
    hass: HomeAssistant,
    fake_qbittorrent: StartFakeQBittorrent,
    caplog: pytest.LogCaptureFixture,
) -> None:
    """The slow one goes unavailable with one log line; the fast ones poll every second."""
    slow = await fake_qbittorrent("5.3")
    await add_fast_polling_server(hass, slow, "Slow")
    polls = []
    for title in ("Alpha", "Beta"):
        entry = await add_fast_polling_server(hass, await fake_qbittorrent(), title)
        polls.append(record_successes(hass, entry))
    slow.delay = SLOW_REPLY

    await asyncio.sleep(WATCHED_FOR)

    assert state_of(hass, "sensor.slow_torrents") == STATE_UNAVAILABLE
    problems = our_problems(caplog)
    assert [record.getMessage() for record in problems] == [
        f"Error fetching Slow data: Cannot reach Slow: {slow.url} did not answer in time"
    ]
    for times in polls:
        assert len(times) >= WATCHED_FOR / LONGEST_HEALTHY_GAP - 1
        assert max(gaps(times)) <= LONGEST_HEALTHY_GAP
    slow.delay = 0


async def test_slow_servers_filling_every_poll_slot_delay_a_fast_one_by_a_timeout_at_most(
    hass: HomeAssistant, fake_qbittorrent: StartFakeQBittorrent
) -> None:
    """With the fleet's four slots all held by slow servers, a fast one still polls."""
    slow_servers = []
    for number in range(DEFAULT_MAX_CONCURRENT_POLLS):
        server = await fake_qbittorrent("5.3")
        await add_fast_polling_server(hass, server, f"Slow {number}")
        slow_servers.append(server)
    fast = await add_fast_polling_server(hass, await fake_qbittorrent(), "Fast")
    times = record_successes(hass, fast)
    for server in slow_servers:
        server.delay = SLOW_REPLY

    # Long enough for the slow servers' retries to meet the fast one's polls.
    await asyncio.sleep(2 * WATCHED_FOR)

    assert len(times) >= 3
    assert max(gaps(times)) <= LONGEST_HEALTHY_GAP + TIMEOUT
    for server in slow_servers:
        server.delay = 0
