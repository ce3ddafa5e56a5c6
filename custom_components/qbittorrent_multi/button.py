"""Start or stop every torrent of a server, or of the active server."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from homeassistant.components.button import ButtonEntity, ButtonEntityDescription
from homeassistant.config_entries import ConfigEntry
from homeassistant.core import HomeAssistant
from homeassistant.helpers.entity_platform import AddConfigEntryEntitiesCallback

from .client import QBittorrentClient
from .coordinator import QBittorrentCoordinator
from .entity import QBittorrentEntity
from .entry_kind import by_kind, server_entry, switcher_entry
from .errors import invalid, server_change
from .switcher_entity import SwitcherEntity
from .sync import Changes

# One press at a time per server.
PARALLEL_UPDATES = 1


@dataclass(frozen=True, kw_only=True)
class TorrentsButtonDescription(ButtonEntityDescription):
    """A button and what it asks of the server's client."""

    press_fn: Callable[[QBittorrentClient], Awaitable[None]]


async def _start_all(client: QBittorrentClient) -> None:
    # Resume on qBittorrent 4.x: the client speaks each server's dialect.
    await client.start("all")


async def _stop_all(client: QBittorrentClient) -> None:
    # Pause on qBittorrent 4.x.
    await client.stop("all")


SERVER_BUTTONS: tuple[TorrentsButtonDescription, ...] = (
    TorrentsButtonDescription(
        key="start_all", translation_key="start_all", press_fn=_start_all
    ),
    TorrentsButtonDescription(
        key="stop_all", translation_key="stop_all", press_fn=_stop_all
    ),
)
SWITCHER_BUTTONS: tuple[TorrentsButtonDescription, ...] = (
    TorrentsButtonDescription(
        key="active_start_all", translation_key="active_start_all", press_fn=_start_all
    ),
    TorrentsButtonDescription(
        key="active_stop_all", translation_key="active_stop_all", press_fn=_stop_all
    ),
)


def _add_server_buttons(
    entry: ConfigEntry, async_add_entities: AddConfigEntryEntitiesCallback
) -> None:
    coordinator = server_entry(entry).runtime_data.coordinator
    async_add_entities(
        ServerTorrentsButton(coordinator, description) for description in SERVER_BUTTONS
    )


def _add_switcher_buttons(
    entry: ConfigEntry, async_add_entities: AddConfigEntryEntitiesCallback
) -> None:
    switcher = switcher_entry(entry).runtime_data
    async_add_entities(
        ActiveServerTorrentsButton(switcher, description)
        for description in SWITCHER_BUTTONS
    )


async def async_setup_entry(
    hass: HomeAssistant,
    entry: ConfigEntry,
    async_add_entities: AddConfigEntryEntitiesCallback,
) -> None:
    """Add a server's buttons, or the switcher's buttons for the active server."""
    by_kind(entry, server=_add_server_buttons, switcher=_add_switcher_buttons)(
        entry, async_add_entities
    )


async def _async_press(
    coordinator: QBittorrentCoordinator, description: TorrentsButtonDescription
) -> None:
    """Send the request, with the actions' translated errors; then show its effect."""
    async with server_change(coordinator) as client:
        await description.press_fn(client)


class ServerTorrentsButton(QBittorrentEntity, ButtonEntity):
    """Acts on every torrent of one server."""

    entity_description: TorrentsButtonDescription

    @property
    def available(self) -> bool:
        """Pressable while the server is down too: the press then says why it failed."""
        return True

    def affected_by(self, changes: Changes) -> bool:
        """No poll changes a button."""
        return False

    async def async_press(self) -> None:
        """Start or stop every torrent of the server."""
        await _async_press(self.coordinator, self.entity_description)


class ActiveServerTorrentsButton(SwitcherEntity, ButtonEntity):
    """Acts on every torrent of whichever server is active when it is pressed."""

    entity_description: TorrentsButtonDescription

    def shown(self) -> object:
        """Nothing the servers report changes a button."""
        return None

    def follows(self, entry_id: str) -> bool:
        """No poll changes a button."""
        return False

    async def async_press(self) -> None:
        """Start or stop every torrent of the active server."""
        switcher = self.switcher
        if switcher.active_entry_id is None:
            raise invalid("no_active_server_to_press")
        coordinator = switcher.lookup.loaded(switcher.active_entry_id)
        await _async_press(coordinator, self.entity_description)
