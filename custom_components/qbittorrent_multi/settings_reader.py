"""Keeps a server's limits and queue sizes current for the entities that show them.

Every poll brings the rate limits in force (see `server_settings`); the
others live only in ``app/preferences``. That request is not part of the
poll, which stays one ``sync/maindata`` request. It is sent only while an
entity that needs it is enabled, and then:

- once, as soon as such an entity is added (or after the first poll),
- after a poll when the last read is `PREFERENCES_INTERVAL` old or more,
- and right after a setting is changed from Home Assistant.

With the entities enabled by default and alternative mode off, the polls
report everything shown and ``app/preferences`` is never read.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from datetime import timedelta
from typing import Final

from homeassistant.core import CALLBACK_TYPE, HomeAssistant, callback
from homeassistant.util import dt as dt_util

from .client import QBittorrentError
from .const import LOGGER
from .coordinator import QBittorrentCoordinator
from .listeners import Listeners
from .server_settings import ServerSettings, Setting, limits_in_force
from .sync import Update

# How old the preferences may get while an entity shows one of them. Other
# clients (the WebUI, the desktop application) change them rarely.
PREFERENCES_INTERVAL: Final = timedelta(minutes=5)


class SettingsReader:
    """The settings of one server, read from its polls and, when needed, its preferences."""

    def __init__(
        self,
        hass: HomeAssistant,
        coordinator: QBittorrentCoordinator,
        network_slots: asyncio.Semaphore,
    ) -> None:
        """Follow `coordinator`'s polls; preferences are read holding a network slot."""
        self._hass = hass
        self._coordinator = coordinator
        self._slots = network_slots
        self.settings = ServerSettings()
        self.settings.follow_poll(coordinator.maindata.server_state)
        # The setting each follower shows.
        self._followed: list[Setting] = []
        self._listeners: Listeners[frozenset[Setting]] = Listeners()
        self._reading: asyncio.Task[None] | None = None
        # One read at a time, so that a reply never overtakes a newer one.
        self._read_lock = asyncio.Lock()

    @callback
    def async_start(self) -> CALLBACK_TYPE:
        """Follow the polls; return the function that stops it."""
        return self._coordinator.async_add_update_listener(self._on_poll)

    @callback
    def async_follow(
        self,
        setting: Setting,
        listener: Callable[[frozenset[Setting]], None],
    ) -> CALLBACK_TYPE:
        """Tell `listener`, which shows `setting`, what a read of the preferences changed.

        The preferences are read while a followed setting is one the polls
        do not report. Return the function that stops both.
        """
        self._followed.append(setting)
        remove_listener = self._listeners.add(listener)
        if self._coordinator.last_update_success:
            self._read_if_due()

        @callback
        def stop() -> None:
            self._followed.remove(setting)
            remove_listener()

        return stop

    @callback
    def _on_poll(self, update: Update) -> None:
        # Entities hear of the poll from the coordinator itself, after this.
        self.settings.follow_poll(self._coordinator.maindata.server_state)
        self._read_if_due()

    def needs_preferences(self, setting: Setting) -> bool:
        """Whether `setting` is shown from app/preferences: the polls do not report it now."""
        return setting not in limits_in_force(self._coordinator.maindata.server_state)

    def _read_if_due(self) -> None:
        if self._reading is not None:
            return
        # Worked out once for all followers: this runs after every poll.
        reported = limits_in_force(self._coordinator.maindata.server_state)
        if all(setting in reported for setting in self._followed):
            return
        read_at = self.settings.preferences_read_at
        if read_at is not None and dt_util.utcnow() - read_at < PREFERENCES_INTERVAL:
            return
        self._reading = self._coordinator.config_entry.async_create_task(
            self._hass,
            self._async_read_in_turn(),
            "read qBittorrent preferences",
            eager_start=False,
        )

    async def _async_read_in_turn(self) -> None:
        try:
            await self.async_read()
        finally:
            self._reading = None

    async def async_read(self) -> None:
        """Read the preferences now and tell the followers what changed.

        A failure is left to the next read: the poll, not this, is the
        server's health check, and it reports the server going away.
        """
        coordinator = self._coordinator
        if coordinator.health.is_banned:
            # Any request would mean logging in again, which prolongs the ban.
            return
        async with self._read_lock:
            now = dt_util.utcnow()
            try:
                async with self._slots:
                    await coordinator.client.ensure_connected()
                    reply = await coordinator.client.preferences()
            except QBittorrentError as err:
                # Not read again before the interval is over: a server (or a
                # proxy in front of it) that refuses it is not asked every poll.
                self.settings.preferences_read_at = now
                LOGGER.debug(
                    "Could not read the preferences of %s: %s",
                    coordinator.server_name,
                    err,
                )
                return
            changed = self.settings.take_preferences(reply, now)
        if changed:
            self._listeners.notify(changed)
