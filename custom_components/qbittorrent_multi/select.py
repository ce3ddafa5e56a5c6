"""The select that chooses the active server."""

from __future__ import annotations

from homeassistant.components.select import SelectEntity, SelectEntityDescription
from homeassistant.config_entries import ConfigEntry
from homeassistant.core import HomeAssistant
from homeassistant.exceptions import ServiceValidationError
from homeassistant.helpers.entity_platform import AddConfigEntryEntitiesCallback

from .const import DOMAIN
from .switcher import ServerSwitcher, SwitchReason
from .switcher_entity import SwitcherEntity

PARALLEL_UPDATES = 0

ACTIVE_SERVER = SelectEntityDescription(
    key="active_server", translation_key="active_server"
)


async def async_setup_entry(
    hass: HomeAssistant,
    entry: ConfigEntry[ServerSwitcher],
    async_add_entities: AddConfigEntryEntitiesCallback,
) -> None:
    """Add the active-server select to the switcher."""
    async_add_entities([ActiveServerSelect(entry.runtime_data, ACTIVE_SERVER)])


class ActiveServerSelect(SwitcherEntity, SelectEntity):
    """Lists every server by name; choosing one makes it active."""

    @property
    def options(self) -> list[str]:
        """The names of all server entries."""
        return list(self.switcher.labels().values())

    @property
    def current_option(self) -> str | None:
        """The active server's name (unknown when there is none)."""
        return self.switcher.active_name

    async def async_select_option(self, option: str) -> None:
        """Make the chosen server active."""
        entry_id = next(
            (key for key, label in self.switcher.labels().items() if label == option),
            None,
        )
        if entry_id is None:
            raise ServiceValidationError(
                translation_domain=DOMAIN,
                translation_key="unknown_server",
                translation_placeholders={"server": option},
            )
        self.switcher.async_set_active(entry_id, SwitchReason.SELECT)
