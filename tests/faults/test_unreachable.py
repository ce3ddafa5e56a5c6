"""A server that stays unreachable for hours, then comes back."""

from __future__ import annotations

from collections.abc import Callable
import logging

from freezegun.api import FrozenDateTimeFactory
from homeassistant.const import STATE_ON, STATE_UNAVAILABLE
from homeassistant.core import HomeAssistant
from homeassistant.helpers import issue_registry as ir
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry

from custom_components.qbittorrent_multi.const import (
    CONF_UNREACHABLE_MINUTES,
    UNREACHABLE_ISSUE_AFTER,
)
from tests.components.server_entries import (
    add_server,
    coordinator_of,
    poll,
    server_entry,
)
from tests.fake_qbittorrent import FakeQBittorrent
from tests.faults.observe import lines_at_or_above, next_attempt, state_of
from tests.faults.outage import failed_attempts, unreachable_issue
from tests.faults.power import PowerSwitch
from tests.live_fixtures import StartFakeQBittorrent

pytestmark = pytest.mark.usefixtures("socket_enabled")

MAX_BACKOFF = 300.0


@pytest.fixture
async def dark(
    hass: HomeAssistant,
    fake_qbittorrent: StartFakeQBittorrent,
    power_switch: Callable[[FakeQBittorrent], PowerSwitch],
) -> tuple[PowerSwitch, MockConfigEntry]:
    """A server set up with two torrents, then switched off: connections are refused."""
    server = await fake_qbittorrent("5.3")
    server.add_torrent(name="Debian", state="uploading")
    server.add_torrent(name="Fedora", state="downloading")
    entry = await add_server(hass, server)
    power = power_switch(server)
    await power.off()
    return power, entry


async def wait_out(
    hass: HomeAssistant,
    entry: MockConfigEntry,
    freezer: FrozenDateTimeFactory,
    seconds: float,
) -> list[float]:
    """Let the schedule run for `seconds`: each attempt after the wait the last one set."""
    coordinator = coordinator_of(entry)
    waits: list[float] = []
    waited = 0.0
    while waited < seconds:
        wait = next_attempt(coordinator).total_seconds()
        freezer.tick(wait)
        await poll(hass, entry)
        waits.append(wait)
        waited += wait
    return waits


async def test_hours_unreachable_back_off_to_the_cap_with_one_log_line(
    hass: HomeAssistant,
    dark: tuple[PowerSwitch, MockConfigEntry],
    freezer: FrozenDateTimeFactory,
    caplog: pytest.LogCaptureFixture,
) -> None:
    """Waits double to five minutes and stay there; the log says it once."""
    _, entry = dark
    caplog.set_level(logging.INFO, "custom_components.qbittorrent_multi")

    waits = await wait_out(hass, entry, freezer, 3 * 3600)

    assert state_of(hass, "sensor.nas_torrents") == STATE_UNAVAILABLE
    assert state_of(hass, "sensor.nas_health") == "unhealthy"
    assert waits[:3] == sorted(waits[:3])
    assert max(waits) <= MAX_BACKOFF
    # Jitter spreads retries by up to 10 %; at the cap they never go above it.
    assert all(wait >= 0.9 * MAX_BACKOFF for wait in waits[6:])
    # About one attempt per five minutes over three hours, not one per poll interval.
    assert len(waits) < 3 * 3600 / (0.9 * MAX_BACKOFF) + 6
    lines = lines_at_or_above(caplog, logging.INFO)
    assert len(lines) == 1, lines
    assert "Cannot reach NAS" in lines[0]
    assert "refused the connection" in lines[0]


async def test_a_repair_issue_follows_an_hour_unreachable_and_goes_on_recovery(
    hass: HomeAssistant,
    dark: tuple[PowerSwitch, MockConfigEntry],
    freezer: FrozenDateTimeFactory,
) -> None:
    """No issue for a restart-length outage; one after an hour; gone when it answers."""
    power, entry = dark

    attempts = await failed_attempts(
        hass, entry, freezer, until=UNREACHABLE_ISSUE_AFTER
    )

    assert [raised for _, raised in attempts] == [
        since >= UNREACHABLE_ISSUE_AFTER for since, _ in attempts
    ]
    issue = unreachable_issue(hass, entry)
    assert issue is not None
    assert issue.translation_key == "unreachable"
    assert issue.severity is ir.IssueSeverity.WARNING
    assert issue.translation_placeholders is not None
    assert issue.translation_placeholders["server"] == "NAS"
    assert issue.translation_placeholders["url"] == power.server.url
    assert issue.translation_placeholders["minutes"] == "60"
    assert "refused the connection" in issue.translation_placeholders["error"]

    await power.on()
    await wait_out(hass, entry, freezer, 1)

    assert unreachable_issue(hass, entry) is None
    assert state_of(hass, "binary_sensor.nas_connectivity") == STATE_ON
    assert state_of(hass, "sensor.nas_torrents") == "2"


async def test_the_issue_names_the_latest_error(
    hass: HomeAssistant,
    dark: tuple[PowerSwitch, MockConfigEntry],
    freezer: FrozenDateTimeFactory,
) -> None:
    """A proxy that answers 502 instead of a refused connection is what the issue says."""
    power, entry = dark
    await failed_attempts(hass, entry, freezer, until=UNREACHABLE_ISSUE_AFTER)
    assert unreachable_issue(hass, entry) is not None

    power.server.mode = "status_502"
    await power.on()
    await wait_out(hass, entry, freezer, 1)

    issue = unreachable_issue(hass, entry)
    assert issue is not None
    assert issue.translation_placeholders is not None
    assert "HTTP 502" in issue.translation_placeholders["error"]


async def test_deleting_the_server_takes_its_issue_along(
    hass: HomeAssistant,
    dark: tuple[PowerSwitch, MockConfigEntry],
    freezer: FrozenDateTimeFactory,
) -> None:
    """A server the user removed leaves no repair issue behind."""
    _, entry = dark
    await failed_attempts(hass, entry, freezer, until=UNREACHABLE_ISSUE_AFTER)
    assert unreachable_issue(hass, entry) is not None

    await hass.config_entries.async_remove(entry.entry_id)
    await hass.async_block_till_done()

    assert unreachable_issue(hass, entry) is None


async def test_a_short_outage_raises_no_issue(
    hass: HomeAssistant,
    dark: tuple[PowerSwitch, MockConfigEntry],
    freezer: FrozenDateTimeFactory,
) -> None:
    """Outages that end are forgotten: the next one starts its hour afresh."""
    power, entry = dark
    await wait_out(hass, entry, freezer, UNREACHABLE_ISSUE_AFTER - MAX_BACKOFF)
    await power.on()
    await wait_out(hass, entry, freezer, 1)
    await power.off()

    await wait_out(hass, entry, freezer, UNREACHABLE_ISSUE_AFTER - MAX_BACKOFF)

    assert unreachable_issue(hass, entry) is None


async def test_the_time_before_the_issue_is_an_option(
    hass: HomeAssistant,
    fake_qbittorrent: StartFakeQBittorrent,
    power_switch: Callable[[FakeQBittorrent], PowerSwitch],
    freezer: FrozenDateTimeFactory,
) -> None:
    """With "Repair issue after" set to 10 minutes, the issue comes after 10 minutes.

    Jitter decides when each attempt falls; whatever it draws, no attempt less
    than 10 minutes after the first failed one raises the issue, and the
    first one after that does.
    """
    server = await fake_qbittorrent("5.3")
    entry = server_entry(server)
    entry.add_to_hass(hass)
    hass.config_entries.async_update_entry(
        entry, options={CONF_UNREACHABLE_MINUTES: 10}
    )
    await hass.config_entries.async_setup(entry.entry_id)
    await hass.async_block_till_done()
    await power_switch(server).off()

    # (seconds since the first failed attempt, whether the issue is raised)
    attempts = await failed_attempts(hass, entry, freezer, until=10 * 60)

    assert [raised for _, raised in attempts] == [
        since >= 10 * 60 for since, _ in attempts
    ]
    assert attempts[-1][1], "the issue is raised once 10 minutes have passed"
    issue = unreachable_issue(hass, entry)
    assert issue is not None
    assert issue.translation_placeholders is not None
    assert issue.translation_placeholders["minutes"] == "10"
