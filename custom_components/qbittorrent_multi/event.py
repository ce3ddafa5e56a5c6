"""Torrent events of a qBittorrent server: added, completed, removed, errored."""

from __future__ import annotations

from typing import Final

from homeassistant.components.event import EventEntity, EventEntityDescription
from homeassistant.core import HomeAssistant, callback
from homeassistant.helpers.entity_platform import AddConfigEntryEntitiesCallback

from .coordinator import QBittorrentConfigEntry
from .entity import QBittorrentEntity
from .sync import Changes, TorrentEventType, Update
from .torrent_events import torrent_event_data

# Events come from the coordinator's polls; the entity itself sends nothing.
PARALLEL_UPDATES = 0

TORRENT: Final = EventEntityDescription(
    key="torrent",
    translation_key="torrent",
    event_types=[event_type.value for event_type in TorrentEventType],
)


async def async_setup_entry(
    hass: HomeAssistant,
    entry: QBittorrentConfigEntry,
    async_add_entities: AddConfigEntryEntitiesCallback,
) -> None:
    """Add the torrent event entity of one server."""
    async_add_entities(
        [QBittorrentTorrentEvent(entry.runtime_data.coordinator, TORRENT)]
    )


class QBittorrentTorrentEvent(QBittorrentEntity, EventEntity):
    """Fires when a torrent on the server is added, completes, is removed or errors."""

    async def async_added_to_hass(self) -> None:
        """Follow the torrent events of the server's polls."""
        await super().async_added_to_hass()
        self.async_on_remove(
            self.coordinator.async_add_update_listener(self._handle_update)
        )

    def affected_by(self, changes: Changes) -> bool:
        """A poll shows here only through its events."""
        return False

    @callback
    def _handle_update(self, update: Update) -> None:
        # One state write per event, so an automation sees each of them.
        for event in update.events:
            self._trigger_event(event.type.value, torrent_event_data(event))
            self.async_write_ha_state()
