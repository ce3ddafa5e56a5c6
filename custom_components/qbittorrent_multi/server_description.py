"""How the card's subscriptions describe a server: name, colour, availability, names.

Nothing here says where a server is or how to log in to it: error texts name
a server by its URL, and every one is told with the server's name instead.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from homeassistant.config_entries import ConfigEntry
from homeassistant.helpers.translation import async_get_exception_message

from .const import DOMAIN
from .coordinator import QBittorrentCoordinator
from .form_error import FormError
from .server_options import CONF_COLOR, checked_color


def server_color(entry: ConfigEntry) -> str | None:
    """The server's colour option, or None when it has none (or not a colour)."""
    if (color := entry.options.get(CONF_COLOR)) is None:
        return None
    try:
        return checked_color(color)
    except FormError:
        return None


def unavailable_reason(
    entry: ConfigEntry, coordinator: QBittorrentCoordinator | None
) -> str | None:
    """Why a server's torrents are not current, without its URL; None while it answers."""
    if coordinator is None:
        return async_get_exception_message(
            DOMAIN, "server_not_loaded", {"server": entry.title}
        )
    health = coordinator.health
    if health.is_up:
        return None
    message = health.last_error or ""
    return message.replace(coordinator.client.url, entry.title)


@dataclass(frozen=True, slots=True)
class ServerStatus:
    """What a subscriber is told again whenever it changes."""

    name: str
    color: str | None
    available: bool
    error: str | None

    @classmethod
    def of(
        cls, entry: ConfigEntry, coordinator: QBittorrentCoordinator | None
    ) -> ServerStatus:
        """The status of a server entry, loaded (with its coordinator) or not."""
        error = unavailable_reason(entry, coordinator)
        return cls(
            name=entry.title,
            color=server_color(entry),
            available=error is None,
            error=error,
        )


def describe_server(
    entry_id: str,
    status: ServerStatus,
    coordinator: QBittorrentCoordinator | None,
) -> dict[str, Any]:
    """A server as the torrents subscription describes it."""
    maindata = coordinator.maindata if coordinator is not None else None
    return {
        "entry_id": entry_id,
        "name": status.name,
        "color": status.color,
        "available": status.available,
        "error": status.error,
        "categories": sorted(maindata.categories) if maindata is not None else [],
        "tags": sorted(maindata.tags) if maindata is not None else [],
    }
