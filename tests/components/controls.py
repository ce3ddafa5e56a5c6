"""Number and button entities in harness tests: enabling them, setting and pressing."""

from __future__ import annotations

from homeassistant.core import HomeAssistant
from homeassistant.helpers import entity_registry as er
from pytest_homeassistant_custom_component.common import MockConfigEntry

from custom_components.qbittorrent_multi.const import DOMAIN
from tests.components.server_entries import ServerAddress, server_entry

KIB = 1024
GLOBAL_DOWNLOAD = "number.nas_global_download_limit"
GLOBAL_UPLOAD = "number.nas_global_upload_limit"
ALT_DOWNLOAD = "number.nas_alternative_download_limit"
ALT_UPLOAD = "number.nas_alternative_upload_limit"
MAX_DOWNLOADS = "number.nas_maximum_active_downloads"
MAX_UPLOADS = "number.nas_maximum_active_uploads"
MAX_TORRENTS = "number.nas_maximum_active_torrents"
# Entity id -> the key of its unique id, for the entities disabled by default.
DISABLED_BY_DEFAULT = {
    ALT_DOWNLOAD: "alt_download_limit",
    ALT_UPLOAD: "alt_upload_limit",
    MAX_DOWNLOADS: "max_active_downloads",
    MAX_UPLOADS: "max_active_uploads",
    MAX_TORRENTS: "max_active_torrents",
}


async def add_server_enabling(
    hass: HomeAssistant, server: ServerAddress, *entity_ids: str
) -> MockConfigEntry:
    """Add and set up "NAS" with these entities (disabled by default) enabled."""
    entry = server_entry(server)
    entry.add_to_hass(hass)
    registry = er.async_get(hass)
    for entity_id in entity_ids:
        domain, object_id = entity_id.split(".")
        registry.async_get_or_create(
            domain,
            DOMAIN,
            f"{entry.entry_id}_{DISABLED_BY_DEFAULT[entity_id]}",
            suggested_object_id=object_id,
            config_entry=entry,
        )
    await hass.config_entries.async_setup(entry.entry_id)
    await hass.async_block_till_done()
    return entry


async def set_number(hass: HomeAssistant, entity_id: str, value: float) -> None:
    """Set a number entity as the UI does."""
    await hass.services.async_call(
        "number", "set_value", {"entity_id": entity_id, "value": value}, blocking=True
    )
    await hass.async_block_till_done()


async def press(hass: HomeAssistant, entity_id: str) -> None:
    """Press a button as the UI does."""
    await hass.services.async_call(
        "button", "press", {"entity_id": entity_id}, blocking=True
    )
    await hass.async_block_till_done()


def value_of(hass: HomeAssistant, entity_id: str) -> str:
    """The state of an entity."""
    state = hass.states.get(entity_id)
    assert state is not None, f"{entity_id} does not exist"
    return state.state
