"""Server entries set up the way the config flow stores them, for harness tests."""

from __future__ import annotations

from typing import Protocol

from homeassistant.core import HomeAssistant
from pytest_homeassistant_custom_component.common import MockConfigEntry

from custom_components.qbittorrent_multi.const import DOMAIN
from custom_components.qbittorrent_multi.coordinator import QBittorrentCoordinator


class ServerAddress(Protocol):
    """Where a server is and how to log in: fake and real servers both have it."""

    @property
    def url(self) -> str:
        """The WebUI URL."""

    @property
    def username(self) -> str:
        """The WebUI username."""

    @property
    def password(self) -> str:
        """The WebUI password."""


def server_entry(
    server: ServerAddress, title: str = "NAS", *, version: tuple[int, int] = (1, 2)
) -> MockConfigEntry:
    """A password entry for a server, as the config flow stores it, not yet added.

    `version` (major, minor) is the current one unless an older or newer
    version's entry is wanted.
    """
    return MockConfigEntry(
        domain=DOMAIN,
        data={
            "kind": "server",
            "url": server.url,
            "username": server.username,
            "password": server.password,
            "api_key": "",
            "verify_ssl": True,
        },
        unique_id=server.url,
        title=title,
        version=version[0],
        minor_version=version[1],
    )


async def add_server(
    hass: HomeAssistant, server: ServerAddress, title: str = "NAS"
) -> MockConfigEntry:
    """Add and set up a server entry for a fake or real server."""
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
