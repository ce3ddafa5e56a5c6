"""Base entity of a qBittorrent server's device."""

from __future__ import annotations

from homeassistant.core import callback
from homeassistant.helpers.device_registry import DeviceEntryType, DeviceInfo
from homeassistant.helpers.entity import EntityDescription
from homeassistant.helpers.update_coordinator import CoordinatorEntity

from .coordinator import QBittorrentCoordinator
from .server_device import device_identifier
from .sync import Changes


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
            identifiers={device_identifier(entry.entry_id)},
            name=entry.title,
            manufacturer="qBittorrent",
            model="qBittorrent WebUI",
            sw_version=version.app if version else None,
            configuration_url=coordinator.client.url,
            entry_type=DeviceEntryType.SERVICE,
        )

    _shown: object = None

    def affected_by(self, changes: Changes) -> bool:
        """Whether a poll that changed `changes` may change what the entity shows."""
        return True

    @callback
    def _handle_coordinator_update(self) -> None:
        """Write the state only when what it shows changed.

        A fleet polls every server every few seconds and most polls leave most
        figures as they were: the poll's change set tells which entities to
        look at, and an unchanged state costs nothing unwritten.
        """
        changes = self.coordinator.last_changes
        was_available = isinstance(self._shown, tuple) and self._shown[0]
        if changes is not None and was_available and not self.affected_by(changes):
            return
        self.async_write_if_changed()

    @callback
    def async_write_if_changed(self) -> None:
        """Write the state if what the entity shows differs from what was written."""
        shown = (self.available, self.state)
        if shown != self._shown:
            self._shown = shown
            self.async_write_ha_state()


class QBittorrentHealthEntity(QBittorrentEntity):
    """An entity about the connection itself: it stays available while the server is down."""

    @property
    def available(self) -> bool:
        """Always available: telling that the server is down is its job."""
        return True
