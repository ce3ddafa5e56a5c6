"""One card's torrents subscription: a snapshot, then what each poll changed.

A subscription watches one server, the active one (following every switch)
or all of them. The switcher tells it about the fleet (servers loaded,
unloaded, renamed, down and back, the active one switched); the coordinator
of each watched server that is loaded tells it what each poll changed.

A snapshot (or a server's torrents added whole) is sent from a copy of the
torrents taken when it is asked for; `OrderedSender` shapes many of them a
group at a time, and whatever happens meanwhile follows it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import partial
from typing import Any, Final

from homeassistant.config_entries import ConfigEntry
from homeassistant.core import CALLBACK_TYPE, HomeAssistant, callback
from homeassistant.util.hass_dict import HassKey

from .const import DOMAIN
from .coordinator import QBittorrentCoordinator
from .model import Torrent
from .server_description import ServerStatus, describe_server
from .switcher import ServerSwitcher
from .sync import Update
from .torrent_feed import PollDelta
from .torrent_sender import OrderedSender, Send

VIEW_ACTIVE: Final = "active"
VIEW_ALL: Final = "all"
VIEW_SERVER: Final = "server"
POLL_DELTA_KEY: HassKey[PollDelta] = HassKey(f"{DOMAIN}_poll_delta")


@dataclass(slots=True)
class _Watched:
    """A server the subscriber knows, as it was last told about it."""

    # Config entries are updated in place: this one has the current title
    # and options.
    entry: ConfigEntry
    status: ServerStatus
    # Whose torrents the subscriber holds; None for a server it was told is
    # not loaded.
    coordinator: QBittorrentCoordinator | None
    stop: CALLBACK_TYPE | None


class TorrentSubscription:
    """Sends one subscriber the torrents of the servers it watches, as they change."""

    def __init__(
        self,
        hass: HomeAssistant,
        switcher: ServerSwitcher,
        server: str,
        send: Send,
    ) -> None:
        """Watch `server`: "active", "all" or a server entry's id."""
        self._hass = hass
        self._switcher = switcher
        # Shared by every subscription: each poll's delta is made once.
        self._delta = hass.data.setdefault(POLL_DELTA_KEY, PollDelta())
        self._sender = OrderedSender(hass, send)
        self._view = server if server in (VIEW_ACTIVE, VIEW_ALL) else VIEW_SERVER
        self._entry_id = server if self._view == VIEW_SERVER else None
        # The active server the latest snapshot was for.
        self._active: str | None = None
        self._watched: dict[str, _Watched] = {}

    @callback
    def async_start(self) -> CALLBACK_TYPE:
        """Send the snapshot and follow the servers; return the function that stops."""
        self._send_snapshot()
        stop_following = self._switcher.async_add_listener(self._on_switcher_update)

        @callback
        def stop() -> None:
            stop_following()
            self._sender.clear()
            for entry_id in list(self._watched):
                self._forget(entry_id)

        return stop

    # What is watched -------------------------------------------------------

    def _wanted(self) -> list[str]:
        """The entry ids of the servers the view covers now, in the select's order.

        The all view covers the servers that are loaded; a named server or the
        active one is covered loaded or not, so that the subscriber learns why
        there is nothing to show.
        """
        if self._view == VIEW_ALL:
            coordinators = self._switcher.coordinators
            return [
                entry.entry_id
                for entry in self._switcher.server_entries()
                if entry.entry_id in coordinators
            ]
        entry_id = (
            self._entry_id
            if self._view == VIEW_SERVER
            else self._switcher.active_entry_id
        )
        if entry_id is None or self._entry(entry_id) is None:
            return []
        return [entry_id]

    def _entry(self, entry_id: str) -> ConfigEntry | None:
        return self._hass.config_entries.async_get_entry(entry_id)

    def _watch(
        self, entry: ConfigEntry, coordinator: QBittorrentCoordinator | None
    ) -> _Watched:
        entry_id = entry.entry_id
        watched = _Watched(
            entry=entry,
            status=ServerStatus.of(entry, coordinator),
            coordinator=coordinator,
            stop=(
                coordinator.async_add_update_listener(partial(self._on_poll, entry_id))
                if coordinator is not None
                else None
            ),
        )
        self._watched[entry_id] = watched
        return watched

    def _forget(self, entry_id: str) -> None:
        watched = self._watched.pop(entry_id)
        if watched.stop is not None:
            watched.stop()

    # Messages --------------------------------------------------------------

    def _send_snapshot(self) -> None:
        """Tell everything the view covers, replacing all the subscriber holds."""
        # Whatever waits to be sent is replaced too.
        self._sender.clear()
        for entry_id in list(self._watched):
            self._forget(entry_id)
        self._active = self._switcher.active_entry_id
        servers: list[dict[str, Any]] = []
        whole: list[tuple[str, Sequence[Torrent]]] = []
        for entry_id in self._wanted():
            entry = self._entry(entry_id)
            assert entry is not None  # _wanted lists existing entries only
            coordinator = self._switcher.coordinators.get(entry_id)
            watched = self._watch(entry, coordinator)
            servers.append(describe_server(entry_id, watched.status, coordinator))
            if coordinator is not None:
                whole.append((entry_id, list(coordinator.maindata.torrents.values())))
        snapshot = {
            "kind": "snapshot",
            "view": self._view,
            "active_entry_id": self._active,
            "servers": servers,
        }
        self._sender.send(snapshot, "torrents", whole)

    def _send_server(self, entry_id: str, watched: _Watched) -> None:
        self._sender.send(
            {
                "kind": "server",
                "server": describe_server(
                    entry_id, watched.status, watched.coordinator
                ),
            }
        )

    def _tell_status(self, entry_id: str, watched: _Watched) -> None:
        """Tell the server's description again if it changed since it was last told."""
        status = ServerStatus.of(watched.entry, watched.coordinator)
        if status != watched.status:
            watched.status = status
            self._send_server(entry_id, watched)

    def _announce(self, coordinator: QBittorrentCoordinator) -> None:
        """A server the subscriber holds no torrents of: describe it, then its torrents."""
        entry_id = coordinator.config_entry.entry_id
        watched = self._watch(coordinator.config_entry, coordinator)
        self._send_server(entry_id, watched)
        if torrents := coordinator.maindata.torrents:
            self._sender.send(
                {"kind": "delta", "entry_id": entry_id},
                "added",
                [(entry_id, list(torrents.values()))],
            )

    # What happened ---------------------------------------------------------

    @callback
    def _on_poll(self, entry_id: str, update: Update) -> None:
        """A watched server answered a poll: its status if it changed, then the delta."""
        watched = self._watched[entry_id]
        coordinator = watched.coordinator
        assert coordinator is not None  # only loaded servers are polled
        self._tell_status(entry_id, watched)
        if (
            delta := self._delta.of(entry_id, coordinator.maindata, update)
        ) is not None:
            self._sender.send(delta)

    @callback
    def _on_switcher_update(self, updated: str | None) -> None:
        if updated is not None:
            # A server's poll ended: it may have gone down or come back.
            if (watched := self._watched.get(updated)) is not None:
                self._tell_status(updated, watched)
            return
        self._reconcile()

    def _reconcile(self) -> None:
        """Bring the subscriber up to date after a change in the fleet."""
        if self._view == VIEW_ACTIVE and self._switcher.active_entry_id != self._active:
            self._send_snapshot()
            return
        wanted = self._wanted()
        coordinators = self._switcher.coordinators
        for entry_id, watched in list(self._watched.items()):
            reloaded = (
                watched.coordinator is not None
                and watched.coordinator is not coordinators.get(entry_id)
            )
            if entry_id not in wanted or reloaded:
                # Unloaded (perhaps to load again at once) or deleted: its
                # torrents are gone with it.
                self._forget(entry_id)
                self._sender.send({"kind": "server_removed", "entry_id": entry_id})
        for entry_id in wanted:
            coordinator = coordinators.get(entry_id)
            watched_now = self._watched.get(entry_id)
            if watched_now is not None and (
                watched_now.coordinator is not None or coordinator is None
            ):
                self._tell_status(entry_id, watched_now)
            elif coordinator is not None:
                if watched_now is not None:
                    # Told it was not loaded; now it is.
                    self._forget(entry_id)
                self._announce(coordinator)
