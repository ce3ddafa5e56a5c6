"""The cards' fleet subscription: every server, its health and figures, the active one.

The fleet is sent whole, first and then whenever it differs from what was
last sent. It is the same for every subscriber, so one feed makes it (and
its JSON) once and sends it to them all; a server's poll recomputes that
server's row only.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from homeassistant.config_entries import ConfigEntry
from homeassistant.core import CALLBACK_TYPE, callback
from homeassistant.helpers.json import json_bytes

from .health import milliseconds
from .listeners import Listeners
from .server_description import server_color
from .switcher import ServerSwitcher

type Send = Callable[[bytes], None]


class FleetFeed:
    """Sends every subscriber the fleet whenever something in it changed."""

    def __init__(self, switcher: ServerSwitcher) -> None:
        """Describe `switcher`'s fleet to whoever subscribes."""
        self._switcher = switcher
        self._subscribers: Listeners[bytes] = Listeners()
        # Kept while there is a subscriber: the fleet is followed only then.
        self._stop_following: CALLBACK_TYPE | None = None
        self._rows: dict[str, dict[str, Any]] = {}
        self._last: dict[str, Any] | None = None
        # The latest message, as it was sent.
        self._sent = b""

    @callback
    def async_subscribe(self, send: Send) -> CALLBACK_TYPE:
        """Send the fleet now and whenever it changes; return the function that stops."""
        if self._stop_following is None:
            self._last = None
            self._rebuild()
            self._push()
            self._stop_following = self._switcher.async_add_listener(
                self._on_switcher_update
            )
        send(self._sent)
        unsubscribe = self._subscribers.add(send)

        @callback
        def stop() -> None:
            unsubscribe()
            if not self._subscribers and self._stop_following is not None:
                self._stop_following()
                self._stop_following = None

        return stop

    @callback
    def _on_switcher_update(self, updated: str | None) -> None:
        if updated is not None and updated in self._rows:
            coordinator = self._switcher.coordinators.get(updated)
            if coordinator is not None:
                self._rows[updated] = self._row(coordinator.config_entry)
        else:
            self._rebuild()
        self._push()

    def _rebuild(self) -> None:
        self._rows = {
            entry.entry_id: self._row(entry)
            for entry in self._switcher.server_entries()
        }

    def _push(self) -> None:
        message = {
            "kind": "fleet",
            "active_entry_id": self._switcher.active_entry_id,
            "servers": list(self._rows.values()),
        }
        if message != self._last:
            self._last = message
            self._sent = json_bytes(message)
            self._subscribers.notify(self._sent)

    def _row(self, entry: ConfigEntry) -> dict[str, Any]:
        """One server's row: what its entities show, the torrent counts included."""
        coordinator = self._switcher.coordinators.get(entry.entry_id)
        health = coordinator.health if coordinator is not None else None
        available = health is not None and health.is_up
        # Like the speed and count sensors, only a server that answers has
        # figures: its share of the fleet's totals holds its speeds. The card
        # shows every count, more than the fleet adds up, so they come from
        # the server.
        share = self._switcher.totals.share(entry.entry_id)
        return {
            "entry_id": entry.entry_id,
            "name": entry.title,
            "color": server_color(entry),
            "active": entry.entry_id == self._switcher.active_entry_id,
            "loaded": coordinator is not None,
            "available": available,
            "health": health.status.value if health is not None else None,
            "response_time_ms": (
                milliseconds(health.response_time) if health is not None else None
            ),
            "version": health.version if health is not None else None,
            "download_speed": share.download_speed,
            "upload_speed": share.upload_speed,
            "counts": (
                coordinator.maindata.counts()
                if available and coordinator is not None
                else {}
            ),
        }
