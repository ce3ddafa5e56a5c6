"""The select that chooses the active server."""

from __future__ import annotations

from homeassistant.components.select import SelectEntity, SelectEntityDescription
from homeassistant.core import HomeAssistant
from homeassistant.helpers.entity_platform import AddConfigEntryEntitiesCallback

from .switcher import SwitcherConfigEntry, SwitchReason
from .switcher_entity import SwitcherEntity

# Choosing a server only changes what the switcher points at.
PARALLEL_UPDATES = 0

ACTIVE_SERVER = SelectEntityDescription(
    key="active_server", translation_key="active_server"
)


async def async_setup_entry(
    hass: HomeAssistant,
    entry: SwitcherConfigEntry,
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

    def shown(self) -> object:
        """The choices and the choice: the state is written when either changes."""
        return (tuple(self.options), self.current_option)

    def follows(self, entry_id: str) -> bool:
        """A poll changes neither the servers' names nor the choice."""
        return False

    async def async_select_option(self, option: str) -> None:
        """Make the chosen server active."""
        entry_id = self.switcher.entry_id_of(option)
        self.switcher.async_set_active(entry_id, SwitchReason.SELECT)
