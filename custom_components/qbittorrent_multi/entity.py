"""Base entity of a qBittorrent server's device."""

from __future__ import annotations

from homeassistant.helpers.device_registry import DeviceEntryType, DeviceInfo
from homeassistant.helpers.entity import EntityDescription
from homeassistant.helpers.update_coordinator import CoordinatorEntity

from .const import DOMAIN
from .coordinator import QBittorrentCoordinator


class QBittorrentEntity(CoordinatorEntity[QBittorrentCoordinator]):
    """An entity of one server, named after what it shows."""

    _attr_has_entity_name = True

    def __init__(
        self, coordinator: QBittorrentCoordinator, description: EntityDescription
    ) -> None:
        """Attach the entity to its server's device."""
        super().__init__(coordinator)
        self.entity_description = description
        entry = coordinator.config_entry
        # Keyed on the entry, not its URL: a server that moves keeps its
        # entities, their history and its device.
        self._attr_unique_id = f"{entry.entry_id}_{description.key}"
        version = coordinator.client.version
        self._attr_device_info = DeviceInfo(
            identifiers={(DOMAIN, entry.entry_id)},
            name=entry.title,
            manufacturer="qBittorrent",
            model="qBittorrent WebUI",
            sw_version=version.app if version else None,
            configuration_url=coordinator.client.url,
            entry_type=DeviceEntryType.SERVICE,
        )


class QBittorrentHealthEntity(QBittorrentEntity):
    """An entity about the connection itself: it stays available while the server is down."""

    @property
    def available(self) -> bool:
        """Always available: telling that the server is down is its job."""
        return True
