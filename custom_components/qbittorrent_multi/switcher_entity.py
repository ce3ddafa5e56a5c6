"""Base entity of the server switcher's device."""

from __future__ import annotations

from homeassistant.core import callback
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

    _shown: object = None

    def shown(self) -> object:
        """What the state shows; it is written only when this changes."""
        raise NotImplementedError

    def follows(self, entry_id: str) -> bool:
        """Whether an update of that server may change what the entity shows."""
        return True

    async def async_added_to_hass(self) -> None:
        """Follow every server update and every change of the active server."""
        await super().async_added_to_hass()
        self._shown = self.shown()
        self.async_on_remove(self.switcher.async_add_listener(self._on_switcher_update))

    @callback
    def _on_switcher_update(self, updated: str | None) -> None:
        # A fleet updates the switcher on every poll of every server; most
        # polls change none of its figures, and an unchanged state costs
        # nothing when it is not written.
        if updated is not None and not self.follows(updated):
            return
        shown = self.shown()
        if shown != self._shown:
            self._shown = shown
            self.async_write_ha_state()
