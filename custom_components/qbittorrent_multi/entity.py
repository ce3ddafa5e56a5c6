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
        # The coordinator asks `affected_by` before it calls the entity.
        super().__init__(coordinator, context=self.affected_by)
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

    def shown(self) -> object:
        """What the state shows; it is written only when this changes."""
        return (self.available, self.state)

    async def async_added_to_hass(self) -> None:
        """Follow the coordinator, remembering what the first state shows."""
        await super().async_added_to_hass()
        self._shown = self.shown()

    @callback
    def _handle_coordinator_update(self) -> None:
        """Write the state only when what it shows changed.

        A fleet polls every server every few seconds and most polls leave most
        figures as they were: the coordinator calls only the entities the
        poll's change set concerns, and an unchanged state costs nothing
        unwritten.
        """
        self.async_write_if_changed()

    @callback
    def async_write_if_changed(self) -> None:
        """Write the state if what the entity shows differs from what was written."""
        shown = self.shown()
        if shown != self._shown:
            self._shown = shown
            self.async_write_ha_state()


class QBittorrentHealthEntity(QBittorrentEntity):
    """An entity about the connection itself: it stays available while the server is down."""

    @property
    def available(self) -> bool:
        """Always available: telling that the server is down is its job."""
        return True
