"""The cross-server part: which servers there are and which one is active.

`ServerSwitcher` puts together the roles of the fleet, each in a module of
its own: `server_registry` (the servers and their names), `active_store` (the
choice kept across restarts), `failover` (when the choice changes on its
own), `listeners` (who is told), `server_lookup` (what an action means by a
server) and `fleet_polling` (the slots and the beat the servers poll on).
There is one per Home Assistant, created in `async_setup`: code that has the
switcher entry reads it from the entry's runtime data, code that has none
(actions, server setup) from `get_switcher`.
"""

from __future__ import annotations

from collections.abc import Callable

from homeassistant.config_entries import (
    SIGNAL_CONFIG_ENTRY_CHANGED,
    ConfigEntry,
    ConfigEntryChange,
)
from homeassistant.core import CALLBACK_TYPE, HomeAssistant, callback
from homeassistant.helpers.dispatcher import async_dispatcher_connect
from homeassistant.util.hass_dict import HassKey

from .active_store import STORAGE_KEY, ActiveChoice, ActiveStore
from .const import DOMAIN, EVENT_ACTIVE_SERVER_CHANGED, LOGGER
from .coordinator import QBittorrentCoordinator
from .entry_kind import is_switcher_entry
from .errors import invalid
from .failover import (
    SwitcherSettings,
    SwitchReason,
    failover_switch,
    fallback_choice,
)
from .fleet_polling import FleetPolling
from .fleet_totals import FleetTotals
from .listeners import Listeners
from .server_lookup import ServerLookup
from .server_registry import ServerRegistry

SWITCHER_KEY: HassKey[ServerSwitcher] = HassKey(DOMAIN)

type SwitcherConfigEntry = ConfigEntry[ServerSwitcher]

__all__ = [
    "STORAGE_KEY",
    "SWITCHER_KEY",
    "ServerSwitcher",
    "SwitchReason",
    "SwitcherConfigEntry",
    "SwitcherSettings",
    "get_switcher",
    "is_switcher_entry",
]


class ServerSwitcher:
    """Knows every loaded server and which one is active; one per Home Assistant."""

    def __init__(self, hass: HomeAssistant) -> None:
        """Start with no servers; `async_load` restores the active choice."""
        self.hass = hass
        self.settings = SwitcherSettings()
        self.servers = ServerRegistry(hass)
        self.lookup = ServerLookup(hass, self.servers)
        self.totals = FleetTotals()
        self._store = ActiveStore(hass)
        self._choice = ActiveChoice()
        # Told the entry id of the server that updated, or None when the
        # change may concern every figure (the active server, names, options).
        self._listeners: Listeners[str | None] = Listeners()
        self._unsubscribe: dict[str, CALLBACK_TYPE] = {}
        self.polling = FleetPolling()

    async def async_load(self) -> None:
        """Restore the stored active server and follow entry changes."""
        self._choice = await self._store.async_load()
        # Followed for as long as Home Assistant runs, like the switcher itself.
        async_dispatcher_connect(
            self.hass, SIGNAL_CONFIG_ENTRY_CHANGED, self._on_entry_changed
        )

    # Servers --------------------------------------------------------------

    def server_entries(self) -> list[ConfigEntry]:
        """Every server entry, loaded or not, in title order."""
        return self.servers.entries()

    def labels(self) -> dict[str, str]:
        """Entry id -> the name shown for it; duplicate names get their URL added."""
        return self.servers.labels()

    @property
    def coordinators(self) -> dict[str, QBittorrentCoordinator]:
        """The loaded servers by entry id."""
        return self.servers.coordinators

    @callback
    def async_register(self, coordinator: QBittorrentCoordinator) -> None:
        """Take a newly loaded server into the fleet."""
        entry_id = coordinator.config_entry.entry_id
        self.servers.add(coordinator)
        self.totals.update(entry_id, coordinator)
        self._unsubscribe[entry_id] = coordinator.async_add_listener(
            callback(lambda: self._on_server_update(entry_id, coordinator))
        )
        if self.active_entry_id not in self.labels():
            self._choose_fallback()
        self._listeners.notify(None)

    @callback
    def async_unregister(self, entry_id: str) -> None:
        """Let go of a server that is unloading."""
        self.servers.remove(entry_id)
        self.totals.remove(entry_id)
        if unsubscribe := self._unsubscribe.pop(entry_id, None):
            unsubscribe()
        self._listeners.notify(None)

    # The active server ------------------------------------------------------

    @property
    def active_entry_id(self) -> str | None:
        """The entry id of the active server, loaded or not."""
        return self._choice.entry_id

    @property
    def active(self) -> QBittorrentCoordinator | None:
        """The active server's coordinator, if it is loaded."""
        entry_id = self._choice.entry_id
        return None if entry_id is None else self.coordinators.get(entry_id)

    @property
    def active_name(self) -> str | None:
        """The name of the active server, loaded or not."""
        entry_id = self._choice.entry_id
        return None if entry_id is None else self.labels().get(entry_id)

    @callback
    def async_set_active(self, entry_id: str | None, reason: SwitchReason) -> None:
        """Make a server active, tell listeners, fire the event and store it."""
        previous = self._choice.entry_id
        if entry_id == previous:
            return
        labels = self.labels()
        failed_over = self._choice.failed_over
        if reason is SwitchReason.FAILOVER:
            failed_over = True
        elif reason is not SwitchReason.FALLBACK:
            failed_over = False
        self._choice = ActiveChoice(entry_id=entry_id, failed_over=failed_over)
        self._listeners.notify(None)
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
        self._store.async_save(self._choice)

    @callback
    def async_apply_settings(self, settings: SwitcherSettings) -> None:
        """Use new switcher options (default server, failover)."""
        self.settings = settings
        if self.active_entry_id is None:
            self._choose_fallback()
        self._listeners.notify(None)

    def _choose_fallback(self) -> None:
        """The stored choice is gone: default server, else first healthy, else none."""
        choice = fallback_choice(self.settings, self.servers)
        if choice != self.active_entry_id:
            self.async_set_active(choice, SwitchReason.FALLBACK)

    def _evaluate_failover(self) -> None:
        switch = failover_switch(
            self.settings,
            self.servers,
            self.active_entry_id,
            failed_over=self._choice.failed_over,
        )
        if switch is None:
            return
        if switch.reason is SwitchReason.FAILOVER:
            active = self.active
            assert active is not None  # failover only leaves a loaded server
            LOGGER.warning(
                "Active server %s failed %d checks in a row; switching to %s",
                active.server_name,
                active.health.consecutive_failures,
                switch.to.server_name,
            )
        else:
            LOGGER.info(
                "Default server %s is healthy again; switching back",
                switch.to.server_name,
            )
        self.async_set_active(switch.to.config_entry.entry_id, switch.reason)

    # Listeners --------------------------------------------------------------

    @callback
    def async_add_listener(
        self, listener: Callable[[str | None], None]
    ) -> CALLBACK_TYPE:
        """Call `listener` whenever a server updates or the active one changes.

        It is given the entry id of the server that updated, or None when
        anything may have changed.
        """
        return self._listeners.add(listener)

    @property
    def listener_count(self) -> int:
        """How many listeners follow the fleet."""
        return len(self._listeners)

    @callback
    def _on_server_update(
        self, entry_id: str, coordinator: QBittorrentCoordinator
    ) -> None:
        self.totals.update(entry_id, coordinator)
        self._evaluate_failover()
        self._listeners.notify(entry_id)

    @callback
    def _on_entry_changed(self, change: ConfigEntryChange, entry: ConfigEntry) -> None:
        if entry.domain != DOMAIN or is_switcher_entry(entry):
            return
        # Names, additions and removals change the labels and the select's options.
        if (
            change is ConfigEntryChange.REMOVED
            and entry.entry_id == self.active_entry_id
        ):
            self._choose_fallback()
        self._listeners.notify(None)

    # Targets of actions -----------------------------------------------------

    def resolve(self, server: str | None) -> QBittorrentCoordinator:
        """The loaded server an action is for: named, else the active one.

        The switcher's own entry or device names the active server.
        """
        if server and not self.lookup.means_active(server):
            return self.lookup.loaded(self.lookup.entry_id_of(server))
        if self.active_entry_id is None:
            raise invalid("no_active_server")
        return self.lookup.loaded(self.active_entry_id)

    def entry_id_of(self, server: str) -> str:
        """The entry id a server is named by, or a translated error naming it."""
        return self.lookup.entry_id_of(server)


def get_switcher(hass: HomeAssistant) -> ServerSwitcher:
    """The switcher of this Home Assistant (created in async_setup)."""
    return hass.data[SWITCHER_KEY]
