"""Server entries set up the way the config flow stores them, for harness tests."""

from __future__ import annotations

from homeassistant.core import HomeAssistant
from pytest_homeassistant_custom_component.common import MockConfigEntry

from custom_components.qbittorrent_multi.const import DOMAIN
from custom_components.qbittorrent_multi.coordinator import QBittorrentCoordinator
from tests.fake_qbittorrent import DEFAULT_USERNAME, FakeQBittorrent


def server_entry(server: FakeQBittorrent, title: str = "NAS") -> MockConfigEntry:
    """A server entry for a fake server, not yet added to Home Assistant."""
    return MockConfigEntry(
        domain=DOMAIN,
        data={
            "kind": "server",
            "url": server.url,
            "username": DEFAULT_USERNAME,
            "password": server.password,
            "api_key": "",
            "verify_ssl": True,
        },
        unique_id=server.url,
        title=title,
    )


async def add_server(
    hass: HomeAssistant, server: FakeQBittorrent, title: str = "NAS"
) -> MockConfigEntry:
    """Add and set up a server entry for a fake server."""
    entry = server_entry(server, title)
    entry.add_to_hass(hass)
    await hass.config_entries.async_setup(entry.entry_id)
    await hass.async_block_till_done()
    return entry


def coordinator_of(entry: MockConfigEntry) -> QBittorrentCoordinator:
    """The coordinator of a loaded server entry."""
    coordinator: QBittorrentCoordinator = entry.runtime_data.coordinator
    return coordinator


async def poll(hass: HomeAssistant, entry: MockConfigEntry) -> None:
    """Run one poll of a server now, as its schedule would."""
    await coordinator_of(entry).async_refresh()
    await hass.async_block_till_done()
