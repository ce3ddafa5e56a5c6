"""Server entries of this integration, set up in Home Assistant as the UI would."""

from __future__ import annotations

from homeassistant.core import HomeAssistant
from homeassistant.helpers import entity_registry as er

from custom_components.qbittorrent_multi.const import DOMAIN, SWITCHER_UNIQUE_ID
from custom_components.qbittorrent_multi.coordinator import QBittorrentCoordinator
from tests.components.server_entries import server_entry

from .fake_process import FakeServer


async def add_server(hass: HomeAssistant, server: FakeServer, title: str) -> str:
    """Add a server entry, set it up with its platforms; return its entry id."""
    entry = server_entry(server, title)
    entry.add_to_hass(hass)
    await hass.config_entries.async_setup(entry.entry_id)
    await hass.async_block_till_done()
    entry_id: str = entry.entry_id
    return entry_id


def coordinator_of(hass: HomeAssistant, entry_id: str) -> QBittorrentCoordinator:
    """The coordinator of a loaded server entry."""
    entry = hass.config_entries.async_get_entry(entry_id)
    if entry is None:
        raise LookupError(entry_id)
    coordinator: QBittorrentCoordinator = entry.runtime_data.coordinator
    return coordinator


def switcher_entity_id(hass: HomeAssistant, platform: str, key: str) -> str:
    """The entity id of one of the switcher's entities, by its key."""
    entity_id = er.async_get(hass).async_get_entity_id(
        platform, DOMAIN, f"{SWITCHER_UNIQUE_ID}_{key}"
    )
    if entity_id is None:
        raise LookupError(f"{platform} {key} of the switcher")
    return entity_id
