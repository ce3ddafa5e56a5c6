"""The fleet's server entries, their names, and the coordinators of those loaded."""

from __future__ import annotations

from homeassistant.config_entries import ConfigEntry
from homeassistant.core import HomeAssistant, callback

from .const import DOMAIN
from .coordinator import QBittorrentCoordinator
from .entry_kind import is_switcher_entry
from .health import HealthStatus


def is_healthy(coordinator: QBittorrentCoordinator) -> bool:
    """Whether a server answers and is not unhealthy: fit to be the active one."""
    health = coordinator.health
    return health.is_up and health.status is not HealthStatus.UNHEALTHY


class ServerRegistry:
    """Every server entry, loaded or not, and the coordinators of the loaded ones.

    The sorted entries and their labels are read on every server update of a
    fleet; they are built again only when an entry was added, removed,
    renamed or moved. That is told by a fingerprint of the entries rather
    than by entry-change signals, so no way of changing an entry (the UI, a
    flow, a test helper) can leave stale names behind.
    """

    def __init__(self, hass: HomeAssistant) -> None:
        """Start with no server loaded."""
        self._hass = hass
        self._coordinators: dict[str, QBittorrentCoordinator] = {}
        self._fingerprint: tuple[tuple[str, str, str | None], ...] | None = None
        self._entries: list[ConfigEntry] = []
        self._labels: dict[str, str] = {}

    @property
    def coordinators(self) -> dict[str, QBittorrentCoordinator]:
        """The loaded servers by entry id."""
        return self._coordinators

    @callback
    def add(self, coordinator: QBittorrentCoordinator) -> None:
        """Take a newly loaded server."""
        self._coordinators[coordinator.config_entry.entry_id] = coordinator

    @callback
    def remove(self, entry_id: str) -> None:
        """Let go of a server that is unloading."""
        self._coordinators.pop(entry_id, None)

    def _refresh(self) -> None:
        entries = self._hass.config_entries.async_entries(DOMAIN)
        fingerprint = tuple(
            (entry.entry_id, entry.title, entry.unique_id) for entry in entries
        )
        if fingerprint == self._fingerprint:
            return
        self._fingerprint = fingerprint
        self._entries = sorted(
            (entry for entry in entries if not is_switcher_entry(entry)),
            key=lambda entry: (entry.title.casefold(), entry.entry_id),
        )
        titles = [entry.title for entry in self._entries]
        self._labels = {
            entry.entry_id: (
                entry.title
                if titles.count(entry.title) == 1
                else f"{entry.title} ({entry.unique_id})"
            )
            for entry in self._entries
        }

    def entries(self) -> list[ConfigEntry]:
        """Every server entry, loaded or not, in title order."""
        self._refresh()
        return self._entries

    def labels(self) -> dict[str, str]:
        """Entry id -> the name shown for it; duplicate names get their URL added."""
        self._refresh()
        return self._labels

    def healthy(self) -> list[QBittorrentCoordinator]:
        """The loaded servers fit to be active, in title order."""
        return [
            coordinator
            for entry in self.entries()
            if (coordinator := self._coordinators.get(entry.entry_id)) is not None
            and is_healthy(coordinator)
        ]
