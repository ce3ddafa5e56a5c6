"""Setting a server entry up: what happens on bad credentials, outages and bans."""

from __future__ import annotations

import asyncio
import time

import aiohttp
from homeassistant.config_entries import ConfigEntryState
from homeassistant.const import STATE_UNAVAILABLE
from homeassistant.core import HomeAssistant
from homeassistant.helpers import issue_registry as ir

from custom_components.qbittorrent_multi.const import (
    DEFAULT_MAX_CONCURRENT_POLLS,
    DOMAIN,
)
from tests.components.server_entries import add_server, coordinator_of, server_entry
from tests.fake_qbittorrent import DEFAULT_USERNAME
from tests.live_fixtures import StartFakeQBittorrent


async def test_wrong_credentials_at_setup_ask_for_new_ones(
    hass: HomeAssistant, fake_qbittorrent: StartFakeQBittorrent
) -> None:
    """A password changed while Home Assistant was off starts reauthentication."""
    server = await fake_qbittorrent("5.3")
    entry = server_entry(server)
    server.set_password("changed meanwhile")
    entry.add_to_hass(hass)

    await hass.config_entries.async_setup(entry.entry_id)
    await hass.async_block_till_done()

    assert entry.state is ConfigEntryState.SETUP_ERROR
    flows = hass.config_entries.flow.async_progress_by_handler(DOMAIN)
    assert [flow["context"]["source"] for flow in flows] == ["reauth"]
    assert server.login_attempts == 1


async def test_an_unreachable_server_at_setup_is_retried(
    hass: HomeAssistant, fake_qbittorrent: StartFakeQBittorrent
) -> None:
    """A server that is down when Home Assistant starts is set up again later."""
    server = await fake_qbittorrent("5.3")
    entry = server_entry(server)
    await server.stop()
    entry.add_to_hass(hass)

    await hass.config_entries.async_setup(entry.entry_id)
    await hass.async_block_till_done()

    assert entry.state is ConfigEntryState.SETUP_RETRY
    assert "refused" in (entry.reason or "")


async def test_a_ban_at_setup_loads_the_entry_and_waits_it_out(
    hass: HomeAssistant, fake_qbittorrent: StartFakeQBittorrent
) -> None:
    """Banned at start: entry loaded, data unavailable, a repair issue, no more logins."""
    server = await fake_qbittorrent("4.5", max_auth_failures=2)
    async with aiohttp.ClientSession() as http:
        for _ in range(2):
            await http.post(
                f"{server.url}/api/v2/auth/login",
                data={"username": DEFAULT_USERNAME, "password": "wrong"},
            )
    entry = server_entry(server)
    entry.add_to_hass(hass)
    attempts = server.login_attempts

    await hass.config_entries.async_setup(entry.entry_id)
    await hass.async_block_till_done()
    await coordinator_of(entry).async_refresh()

    assert entry.state is ConfigEntryState.LOADED
    state = hass.states.get("sensor.nas_download_speed")
    assert state is not None
    assert state.state == STATE_UNAVAILABLE
    assert ir.async_get(hass).async_get_issue(DOMAIN, f"banned_{entry.entry_id}")
    assert server.login_attempts == attempts + 1
    assert coordinator_of(entry).update_interval.total_seconds() >= 3600  # type: ignore[union-attr]


async def test_no_more_servers_are_polled_at_once_than_the_cap(
    hass: HomeAssistant, fake_qbittorrent: StartFakeQBittorrent
) -> None:
    """Polls of many servers share a few slots; each still gets its turn."""
    entries = []
    servers = []
    for index in range(DEFAULT_MAX_CONCURRENT_POLLS + 2):
        server = await fake_qbittorrent("5.3")
        servers.append(server)
        entries.append(await add_server(hass, server, f"Server {index}"))
    for server in servers:
        server.delay = 0.2
    started = time.monotonic()

    await asyncio.gather(*(coordinator_of(entry).async_refresh() for entry in entries))

    elapsed = time.monotonic() - started
    # Six 0.2 s polls through four slots take two rounds, not one.
    assert elapsed >= 0.4
    assert all(coordinator_of(entry).last_update_success for entry in entries)
