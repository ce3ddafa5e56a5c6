"""Connectivity of a qBittorrent server."""

from __future__ import annotations

from homeassistant.components.binary_sensor import (
    BinarySensorDeviceClass,
    BinarySensorEntity,
    BinarySensorEntityDescription,
)
from homeassistant.const import EntityCategory
from homeassistant.core import HomeAssistant
from homeassistant.helpers.entity_platform import AddConfigEntryEntitiesCallback

from .coordinator import QBittorrentConfigEntry
from .entity import QBittorrentHealthEntity
from .sync import Changes

PARALLEL_UPDATES = 0

CONNECTIVITY = BinarySensorEntityDescription(
    key="connectivity",
    device_class=BinarySensorDeviceClass.CONNECTIVITY,
    entity_category=EntityCategory.DIAGNOSTIC,
)


async def async_setup_entry(
    hass: HomeAssistant,
    entry: QBittorrentConfigEntry,
    async_add_entities: AddConfigEntryEntitiesCallback,
) -> None:
    """Add the connectivity sensor of one server."""
    async_add_entities(
        [QBittorrentConnectivity(entry.runtime_data.coordinator, CONNECTIVITY)]
    )


class QBittorrentConnectivity(QBittorrentHealthEntity, BinarySensorEntity):
    """On while the last poll of the server succeeded."""

    @property
    def is_on(self) -> bool:
        """Whether the server answered the last poll."""
        return self.coordinator.last_update_success

    def affected_by(self, changes: Changes) -> bool:
        """A poll that follows a successful one leaves it on.

        The coordinator calls every entity after a poll that fails or that
        follows a failure: the only polls that can turn it off or on.
        """
        return False
