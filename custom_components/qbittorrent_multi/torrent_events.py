"""Torrent events on Home Assistant's bus, one stream for every server."""

from __future__ import annotations

from typing import Any

from homeassistant.core import CALLBACK_TYPE, HomeAssistant, callback

from .const import EVENT_TORRENT
from .coordinator import QBittorrentCoordinator
from .sync import TorrentEvent, Update


def torrent_event_data(event: TorrentEvent) -> dict[str, Any]:
    """What is told about a torrent: no server detail, and never a secret."""
    return {
        "hash": event.hash,
        "name": event.name,
        "category": event.category,
        "tags": list(event.tags),
        "size": event.size,
        "save_path": event.save_path,
    }


@callback
def async_setup_torrent_events(
    hass: HomeAssistant, coordinator: QBittorrentCoordinator
) -> CALLBACK_TYPE:
    """Fire a bus event for each torrent event of one server; return the undo."""
    entry_id = coordinator.config_entry.entry_id

    @callback
    def fire(update: Update) -> None:
        for event in update.events:
            hass.bus.async_fire(
                EVENT_TORRENT,
                {
                    "type": event.type.value,
                    **torrent_event_data(event),
                    # Read at firing time: the server may have been renamed.
                    "server": coordinator.server_name,
                    "entry_id": entry_id,
                },
            )

    return coordinator.async_add_update_listener(fire)
