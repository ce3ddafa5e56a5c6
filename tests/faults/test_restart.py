"""Home Assistant starting while one of the servers is down."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

from freezegun.api import FrozenDateTimeFactory
from homeassistant.config_entries import ConfigEntry, ConfigEntryState
from homeassistant.const import STATE_UNAVAILABLE
from homeassistant.core import HomeAssistant
from homeassistant.setup import async_setup_component
import pytest
from pytest_homeassistant_custom_component.common import (
    MockConfigEntry,
    async_capture_events,
    async_fire_time_changed,
)

from custom_components.qbittorrent_multi.const import (
    DOMAIN,
    EVENT_ACTIVE_SERVER_CHANGED,
    SWITCHER_UNIQUE_ID,
)
from custom_components.qbittorrent_multi.switcher import STORAGE_KEY
from tests.components.server_entries import server_entry
from tests.fake_qbittorrent import FakeQBittorrent
from tests.faults.observe import state_of
from tests.faults.power import PowerSwitch
from tests.live_fixtures import StartFakeQBittorrent

pytestmark = pytest.mark.usefixtures("socket_enabled")

SELECT = "select.server_switcher_active_server"


def state_of_entry(entry: ConfigEntry) -> ConfigEntryState:
    """An entry's state now (a function, so that it reads as changing over time)."""
    return entry.state


async def test_a_server_down_at_start_retries_and_stays_the_active_one(
    hass: HomeAssistant,
    hass_storage: dict[str, Any],
    fake_qbittorrent: StartFakeQBittorrent,
    freezer: FrozenDateTimeFactory,
    power_switch: Callable[[FakeQBittorrent], PowerSwitch],
) -> None:
    """Setup retries in the background; the switcher loads; the choice is kept."""
    alpha = await fake_qbittorrent("5.3")
    beta = await fake_qbittorrent("4.5")
    beta.add_torrent(name="Debian", state="uploading")
    alpha_entry = server_entry(alpha, "Alpha")
    beta_entry = server_entry(beta, "Beta")
    switcher_entry = MockConfigEntry(
        domain=DOMAIN,
        data={"kind": "switcher"},
        unique_id=SWITCHER_UNIQUE_ID,
        title="Server switcher",
    )
    for entry in (alpha_entry, beta_entry, switcher_entry):
        entry.add_to_hass(hass)
    hass_storage[STORAGE_KEY] = {
        "version": 1,
        "minor_version": 1,
        "key": STORAGE_KEY,
        "data": {"active_entry_id": beta_entry.entry_id, "failed_over": False},
    }
    switches = async_capture_events(hass, EVENT_ACTIVE_SERVER_CHANGED)
    beta_power = power_switch(beta)
    await beta_power.off()

    assert await async_setup_component(hass, DOMAIN, {})
    await hass.async_block_till_done()

    assert state_of_entry(alpha_entry) is ConfigEntryState.LOADED
    assert state_of_entry(beta_entry) is ConfigEntryState.SETUP_RETRY
    assert beta_entry.reason is not None
    assert "Cannot reach Beta" in beta_entry.reason
    assert switcher_entry.state is ConfigEntryState.LOADED
    assert state_of(hass, SELECT) == "Beta"
    assert state_of(hass, "sensor.server_switcher_active_server_name") == "Beta"
    assert (
        state_of(hass, "sensor.server_switcher_active_download_speed")
        == STATE_UNAVAILABLE
    )

    await beta_power.on()
    freezer.tick(timedelta(minutes=1))
    async_fire_time_changed(hass)
    await hass.async_block_till_done(wait_background_tasks=True)

    assert state_of_entry(beta_entry) is ConfigEntryState.LOADED
    assert state_of(hass, SELECT) == "Beta"
    assert state_of(hass, "sensor.beta_torrents") == "1"
    assert (
        state_of(hass, "sensor.server_switcher_active_download_speed")
        != STATE_UNAVAILABLE
    )
    assert switches == []
