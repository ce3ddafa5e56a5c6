"""Alternative speed limits of a qBittorrent server."""

from __future__ import annotations

from typing import Any

from homeassistant.components.switch import SwitchEntity, SwitchEntityDescription
from homeassistant.core import HomeAssistant
from homeassistant.helpers.entity_platform import AddConfigEntryEntitiesCallback

from .coordinator import QBittorrentConfigEntry
from .entity import QBittorrentEntity
from .errors import server_request
from .sync import Changes

# One toggle at a time per server: two racing toggles would cancel out.
PARALLEL_UPDATES = 1

ALTERNATIVE_SPEED = SwitchEntityDescription(
    key="alternative_speed", translation_key="alternative_speed"
)


async def async_setup_entry(
    hass: HomeAssistant,
    entry: QBittorrentConfigEntry,
    async_add_entities: AddConfigEntryEntitiesCallback,
) -> None:
    """Add the alternative speed switch of one server."""
    async_add_entities(
        [
            QBittorrentAlternativeSpeedSwitch(
                entry.runtime_data.coordinator, ALTERNATIVE_SPEED
            )
        ]
    )


class QBittorrentAlternativeSpeedSwitch(QBittorrentEntity, SwitchEntity):
    """Turns the server's alternative speed limits on and off."""

    @property
    def is_on(self) -> bool | None:
        """Read the mode from the same sync reply as everything else."""
        return self.coordinator.maindata.server_state.alternative_speed

    def affected_by(self, changes: Changes) -> bool:
        """Whether the poll changed the mode."""
        return "alternative_speed" in changes.server_state

    async def async_turn_on(self, **kwargs: Any) -> None:
        """Turn the alternative limits on."""
        await self._async_set(True)

    async def async_turn_off(self, **kwargs: Any) -> None:
        """Turn the alternative limits off."""
        await self._async_set(False)

    async def _async_set(self, enabled: bool) -> None:
        async with server_request(self.coordinator) as client:
            await client.set_alternative_speed(enabled)
        # Refreshed at once (not debounced) so that the switch shows the
        # server's new mode right away, even when toggled twice in a row.
        await self.coordinator.async_refresh()
