"""The cross-server part: loaded servers, the active one, failover and targets."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from enum import StrEnum
from typing import Any, Final

from homeassistant.config_entries import (
    SIGNAL_CONFIG_ENTRY_CHANGED,
    ConfigEntry,
    ConfigEntryChange,
)
from homeassistant.core import CALLBACK_TYPE, HomeAssistant, callback
from homeassistant.exceptions import ServiceValidationError
from homeassistant.helpers import device_registry as dr
from homeassistant.helpers.dispatcher import async_dispatcher_connect
from homeassistant.helpers.storage import Store
from homeassistant.util.hass_dict import HassKey

from .const import (
    CONF_DEFAULT_SERVER,
    CONF_ENTRY_KIND,
    CONF_FAILOVER,
    CONF_FAILOVER_THRESHOLD,
    CONF_SWITCH_BACK,
    DEFAULT_FAILOVER_THRESHOLD,
    DEFAULT_MAX_CONCURRENT_POLLS,
    DOMAIN,
    EVENT_ACTIVE_SERVER_CHANGED,
    KIND_SWITCHER,
    LOGGER,
)
from .coordinator import QBittorrentCoordinator
from .health import HealthStatus

SWITCHER_KEY: HassKey[ServerSwitcher] = HassKey(DOMAIN)
STORAGE_VERSION: Final = 1
STORAGE_KEY: Final = f"{DOMAIN}.switcher"
# Saving is deferred a little so that a burst of switches writes once; Home
# Assistant flushes pending saves when it stops.
SAVE_DELAY: Final = 1.0


class SwitchReason(StrEnum):
    """Why the active server changed, as told in the event."""

    SELECT = "select"
    ACTION = "action"
    FAILOVER = "failover"
    SWITCH_BACK = "switch_back"
    FALLBACK = "fallback"


@dataclass(frozen=True, kw_only=True, slots=True)
class SwitcherSettings:
    """The switcher entry's options."""

    default_entry_id: str | None = None
    failover: bool = False
    failover_threshold: int = DEFAULT_FAILOVER_THRESHOLD
    switch_back: bool = False

    @classmethod
    def from_options(cls, options: dict[str, Any]) -> SwitcherSettings:
        """Read the settings from a switcher entry's options."""
        return cls(
            default_entry_id=options.get(CONF_DEFAULT_SERVER) or None,
            failover=bool(options.get(CONF_FAILOVER, False)),
            failover_threshold=int(
                options.get(CONF_FAILOVER_THRESHOLD, DEFAULT_FAILOVER_THRESHOLD)
            ),
            switch_back=bool(options.get(CONF_SWITCH_BACK, False)),
        )


def is_switcher_entry(entry: ConfigEntry) -> bool:
    """Whether an entry of this domain is the switcher rather than a server."""
    return entry.data.get(CONF_ENTRY_KIND) == KIND_SWITCHER


def _is_healthy(coordinator: QBittorrentCoordinator) -> bool:
    return (
        coordinator.last_update_success
        and coordinator.health.status is not HealthStatus.UNHEALTHY
    )


class ServerSwitcher:
    """Knows every loaded server and which one is active; one per Home Assistant."""

    def __init__(self, hass: HomeAssistant) -> None:
        """Start with no servers; `async_load` restores the active choice."""
        self.hass = hass
        self.settings = SwitcherSettings()
        self.active_entry_id: str | None = None
        self._store: Store[dict[str, Any]] = Store(hass, STORAGE_VERSION, STORAGE_KEY)
        self._coordinators: dict[str, QBittorrentCoordinator] = {}
        self._unsubscribe: dict[str, CALLBACK_TYPE] = {}
        self._listeners: list[CALLBACK_TYPE] = []
        # The server failover left, so that switching back knows it may.
        self._failed_over = False
        # Caps how many servers talk to the network at once, so that a large
        # fleet does not burst and a slow server holds at most one slot.
        self._poll_slots = asyncio.Semaphore(DEFAULT_MAX_CONCURRENT_POLLS)

    async def async_load(self) -> None:
        """Restore the stored active server and follow entry changes."""
        stored = await self._store.async_load() or {}
        self.active_entry_id = stored.get("active_entry_id")
        self._failed_over = bool(stored.get("failed_over", False))
        # Followed for as long as Home Assistant runs, like the switcher itself.
        async_dispatcher_connect(
            self.hass, SIGNAL_CONFIG_ENTRY_CHANGED, self._on_entry_changed
        )

    # Servers --------------------------------------------------------------

    def server_entries(self) -> list[ConfigEntry]:
        """Every server entry, loaded or not, in title order."""
        entries = [
            entry
            for entry in self.hass.config_entries.async_entries(DOMAIN)
            if not is_switcher_entry(entry)
        ]
        return sorted(
            entries, key=lambda entry: (entry.title.casefold(), entry.entry_id)
        )

    def labels(self) -> dict[str, str]:
        """Entry id -> the name shown for it; duplicate names get their URL added."""
        entries = self.server_entries()
        titles = [entry.title for entry in entries]
        return {
            entry.entry_id: (
                entry.title
                if titles.count(entry.title) == 1
                else f"{entry.title} ({entry.unique_id})"
            )
            for entry in entries
        }

    @property
    def coordinators(self) -> dict[str, QBittorrentCoordinator]:
        """The loaded servers by entry id."""
        return self._coordinators

    @property
    def active(self) -> QBittorrentCoordinator | None:
        """The active server's coordinator, if it is loaded."""
        if self.active_entry_id is None:
            return None
        return self._coordinators.get(self.active_entry_id)

    @property
    def active_name(self) -> str | None:
        """The name of the active server, loaded or not."""
        if self.active_entry_id is None:
            return None
        return self.labels().get(self.active_entry_id)

    @callback
    def async_register(self, coordinator: QBittorrentCoordinator) -> None:
        """Take a newly loaded server into the fleet."""
        entry_id = coordinator.config_entry.entry_id
        self._coordinators[entry_id] = coordinator
        self._unsubscribe[entry_id] = coordinator.async_add_listener(
            self._on_server_update
        )
        if self.active_entry_id not in {
            entry.entry_id for entry in self.server_entries()
        }:
            self._choose_fallback()
        self._notify()

    @callback
    def async_unregister(self, entry_id: str) -> None:
        """Let go of a server that is unloading."""
        self._coordinators.pop(entry_id, None)
        if unsubscribe := self._unsubscribe.pop(entry_id, None):
            unsubscribe()
        self._notify()

    @property
    def poll_slots(self) -> asyncio.Semaphore:
        """The fleet's network slots; a server holds one for each poll."""
        return self._poll_slots

    # The active server ------------------------------------------------------

    @callback
    def async_set_active(self, entry_id: str | None, reason: SwitchReason) -> None:
        """Make a server active, tell listeners, fire the event and store it."""
        previous = self.active_entry_id
        if entry_id == previous:
            return
        labels = self.labels()
        self.active_entry_id = entry_id
        if reason is SwitchReason.FAILOVER:
            self._failed_over = True
        elif reason is not SwitchReason.FALLBACK:
            self._failed_over = False
        self._notify()
        self.hass.bus.async_fire(
            EVENT_ACTIVE_SERVER_CHANGED,
            {
                "from": labels.get(previous) if previous else None,
                "to": labels.get(entry_id) if entry_id else None,
                "from_entry_id": previous,
                "to_entry_id": entry_id,
                "reason": reason.value,
            },
        )
        self._store.async_delay_save(self._stored, SAVE_DELAY)

    def _stored(self) -> dict[str, Any]:
        return {
            "active_entry_id": self.active_entry_id,
            "failed_over": self._failed_over,
        }

    @callback
    def async_apply_settings(self, settings: SwitcherSettings) -> None:
        """Use new switcher options (default server, failover)."""
        self.settings = settings
        if self.active_entry_id is None:
            self._choose_fallback()
        self._notify()

    def _choose_fallback(self) -> None:
        """The stored choice is gone: default server, else first healthy, else none."""
        known = {entry.entry_id for entry in self.server_entries()}
        default = self.settings.default_entry_id
        if default in known:
            choice: str | None = default
        else:
            healthy = [
                entry_id
                for entry_id in (entry.entry_id for entry in self.server_entries())
                if (coordinator := self._coordinators.get(entry_id)) is not None
                and _is_healthy(coordinator)
            ]
            choice = healthy[0] if healthy else None
        if choice != self.active_entry_id:
            self.async_set_active(choice, SwitchReason.FALLBACK)

    def _evaluate_failover(self) -> None:
        settings = self.settings
        if not settings.failover:
            return
        active = self.active
        if (
            active is not None
            and active.health.consecutive_failures >= settings.failover_threshold
        ):
            candidates = [
                coordinator
                for entry_id, coordinator in self._coordinators.items()
                if entry_id != self.active_entry_id and _is_healthy(coordinator)
            ]
            if candidates:
                best = min(
                    candidates,
                    key=lambda candidate: candidate.health.response_time or 0.0,
                )
                LOGGER.warning(
                    "Active server %s failed %d checks in a row; switching to %s",
                    active.server_name,
                    active.health.consecutive_failures,
                    best.server_name,
                )
                self.async_set_active(best.config_entry.entry_id, SwitchReason.FAILOVER)
            return
        default = settings.default_entry_id
        if (
            settings.switch_back
            and self._failed_over
            and default is not None
            and default != self.active_entry_id
            and (coordinator := self._coordinators.get(default)) is not None
            and coordinator.last_update_success
            and coordinator.health.consecutive_failures == 0
        ):
            LOGGER.info(
                "Default server %s is healthy again; switching back",
                coordinator.server_name,
            )
            self.async_set_active(default, SwitchReason.SWITCH_BACK)

    # Listeners --------------------------------------------------------------

    @callback
    def async_add_listener(self, listener: CALLBACK_TYPE) -> CALLBACK_TYPE:
        """Call `listener` whenever a server updates or the active one changes."""
        self._listeners.append(listener)

        @callback
        def remove() -> None:
            self._listeners.remove(listener)

        return remove

    @callback
    def _notify(self) -> None:
        for listener in list(self._listeners):
            listener()

    @callback
    def _on_server_update(self) -> None:
        self._evaluate_failover()
        self._notify()

    @callback
    def _on_entry_changed(self, change: ConfigEntryChange, entry: ConfigEntry) -> None:
        if entry.domain != DOMAIN or is_switcher_entry(entry):
            return
        if (
            change is ConfigEntryChange.REMOVED
            and entry.entry_id == self.active_entry_id
        ):
            self._choose_fallback()
        # Names, additions and removals change the select's options.
        self._notify()

    # Targets of actions -----------------------------------------------------

    def resolve(self, server: str | None) -> QBittorrentCoordinator:
        """The server an action is for: entry id, device id or name, else the active one."""
        if not server:
            if self.active_entry_id is None:
                raise ServiceValidationError(
                    translation_domain=DOMAIN, translation_key="no_active_server"
                )
            return self._loaded(self.active_entry_id, self.active_name or "")
        entry_id = self.entry_id_of(server)
        return self._loaded(entry_id, self.labels().get(entry_id, server))

    def entry_id_of(self, server: str) -> str:
        """The entry id a server is named by, or a translated error naming it."""
        entry_id = self.find_entry_id(server)
        if entry_id is None:
            raise ServiceValidationError(
                translation_domain=DOMAIN,
                translation_key="unknown_server",
                translation_placeholders={"server": server},
            )
        return entry_id

    def find_entry_id(self, server: str) -> str | None:
        """Match a server by entry id, device id, or name (case-insensitive)."""
        labels = self.labels()
        if server in labels:
            return server
        device = dr.async_get(self.hass).async_get(server)
        if device is not None:
            for entry_id in device.config_entries:
                if entry_id in labels:
                    return entry_id
        wanted = server.strip().casefold()
        for entry_id, label in labels.items():
            if label.casefold() == wanted:
                return entry_id
        for entry in self.server_entries():
            if entry.title.casefold() == wanted:
                return entry.entry_id
        return None

    def _loaded(self, entry_id: str, name: str) -> QBittorrentCoordinator:
        coordinator = self._coordinators.get(entry_id)
        if coordinator is None:
            raise ServiceValidationError(
                translation_domain=DOMAIN,
                translation_key="server_not_loaded",
                translation_placeholders={"server": name},
            )
        return coordinator


def get_switcher(hass: HomeAssistant) -> ServerSwitcher:
    """The switcher of this Home Assistant (created in async_setup)."""
    return hass.data[SWITCHER_KEY]
