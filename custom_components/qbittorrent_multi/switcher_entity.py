"""Base entity of the server switcher's device."""

from __future__ import annotations

from homeassistant.helpers.device_registry import DeviceEntryType, DeviceInfo
from homeassistant.helpers.entity import Entity, EntityDescription

from .const import DOMAIN, SWITCHER_UNIQUE_ID
from .switcher import ServerSwitcher


class SwitcherEntity(Entity):
    """An entity of the switcher: updated by the servers, never polled."""

    _attr_has_entity_name = True
    _attr_should_poll = False

    def __init__(
        self, switcher: ServerSwitcher, description: EntityDescription
    ) -> None:
        """Attach the entity to the switcher's device."""
        self.switcher = switcher
        self.entity_description = description
        self._attr_unique_id = f"{SWITCHER_UNIQUE_ID}_{description.key}"
        self._attr_device_info = DeviceInfo(
            identifiers={(DOMAIN, SWITCHER_UNIQUE_ID)},
            translation_key="switcher",
            manufacturer="qBittorrent Multi-Server",
            entry_type=DeviceEntryType.SERVICE,
        )

    async def async_added_to_hass(self) -> None:
        """Follow every server update and every change of the active server."""
        await super().async_added_to_hass()
        self.async_on_remove(
            self.switcher.async_add_listener(self.async_write_ha_state)
        )
