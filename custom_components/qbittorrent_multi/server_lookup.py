"""Which server an action, the select or the card means: by entry id, device or name."""

from __future__ import annotations

from homeassistant.core import HomeAssistant
from homeassistant.helpers import device_registry as dr

from .const import DOMAIN
from .coordinator import QBittorrentCoordinator
from .entry_kind import is_switcher_entry
from .errors import invalid
from .server_registry import ServerRegistry


class ServerLookup:
    """Finds servers the way users name them, with translated errors."""

    def __init__(self, hass: HomeAssistant, servers: ServerRegistry) -> None:
        """Look servers up among `servers`."""
        self._hass = hass
        self._servers = servers

    def means_active(self, server: str) -> bool:
        """Whether `server` names the switcher (its entry or device): the active server."""
        entry_ids = {server}
        if (device := dr.async_get(self._hass).async_get(server)) is not None:
            entry_ids.add(device.config_entry_id)
        return any(
            (entry := self._hass.config_entries.async_get_entry(entry_id)) is not None
            and entry.domain == DOMAIN
            and is_switcher_entry(entry)
            for entry_id in entry_ids
        )

    def find_entry_id(self, server: str) -> str | None:
        """Match a server by entry id, device id, label or name (case-insensitive)."""
        labels = self._servers.labels()
        if server in labels:
            return server
        device = dr.async_get(self._hass).async_get(server)
        if device is not None and device.config_entry_id in labels:
            # A device belongs to one config entry: the server's own.
            return device.config_entry_id
        wanted = server.strip().casefold()
        for entry_id, label in labels.items():
            if label.casefold() == wanted:
                return entry_id
        for entry in self._servers.entries():
            if entry.title.casefold() == wanted:
                return entry.entry_id
        return None

    def entry_id_of(self, server: str) -> str:
        """The entry id a server is named by, or a translated error naming it."""
        entry_id = self.find_entry_id(server)
        if entry_id is None:
            raise invalid("unknown_server", server=server)
        return entry_id

    def loaded(self, entry_id: str) -> QBittorrentCoordinator:
        """The coordinator of a loaded server, or a translated error naming it."""
        coordinator = self._servers.coordinators.get(entry_id)
        if coordinator is None:
            name = self._servers.labels().get(entry_id, entry_id)
            raise invalid("server_not_loaded", server=name)
        return coordinator
