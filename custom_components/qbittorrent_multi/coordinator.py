"""One coordinator per qBittorrent server: incremental polling and health."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import timedelta
import time
from typing import Any

from homeassistant.config_entries import ConfigEntry
from homeassistant.core import CALLBACK_TYPE, HomeAssistant, callback
from homeassistant.exceptions import ConfigEntryAuthFailed
from homeassistant.helpers import device_registry as dr, issue_registry as ir
from homeassistant.helpers.update_coordinator import DataUpdateCoordinator, UpdateFailed

from .client import (
    AuthenticationError,
    BannedError,
    CannotConnectError,
    QBittorrentClient,
    QBittorrentError,
    UnexpectedResponseError,
)
from .const import (
    CONF_FAILURE_THRESHOLD,
    CONF_SCAN_INTERVAL,
    CONF_SLOW_RESPONSE_MS,
    CONF_UNREACHABLE_MINUTES,
    DEFAULT_BAN_SECONDS,
    DEFAULT_FAILURE_THRESHOLD,
    DEFAULT_SCAN_INTERVAL,
    DEFAULT_SLOW_RESPONSE_MS,
    DEFAULT_UNREACHABLE_MINUTES,
    DOMAIN,
    LOGGER,
)
from .health import CircuitState, FailureKind, HealthMonitor, HealthSettings
from .sync import MainData, TorrentEvent, UnknownTorrentError

type TorrentEventListener = Callable[[list[TorrentEvent]], None]


@dataclass(slots=True)
class QBittorrentRuntimeData:
    """What a loaded server entry holds."""

    client: QBittorrentClient
    coordinator: QBittorrentCoordinator


type QBittorrentConfigEntry = ConfigEntry[QBittorrentRuntimeData]


def health_settings(options: Mapping[str, Any]) -> HealthSettings:
    """Build the health thresholds from a server entry's options."""
    threshold = options.get(CONF_FAILURE_THRESHOLD, DEFAULT_FAILURE_THRESHOLD)
    slow_ms = options.get(CONF_SLOW_RESPONSE_MS, DEFAULT_SLOW_RESPONSE_MS)
    return HealthSettings(
        failure_threshold=int(threshold),
        slow_response=float(slow_ms) / 1000,
        ban_duration=DEFAULT_BAN_SECONDS,
    )


def _now() -> float:
    # Looked up on every call so that Home Assistant's time travel in tests,
    # and any clock adjustment, reaches the health monitor.
    return time.time()


def repair_issue_ids(entry_id: str) -> tuple[str, str]:
    """The ids of the repair issues a server entry may raise: banned, unreachable."""
    return (f"banned_{entry_id}", f"unreachable_{entry_id}")


def _failure_kind(err: QBittorrentError) -> FailureKind:
    if isinstance(err, AuthenticationError):
        return FailureKind.AUTH
    if isinstance(err, BannedError):
        return FailureKind.BANNED
    if isinstance(err, CannotConnectError):
        return FailureKind.CONNECTION
    return FailureKind.UNEXPECTED


class QBittorrentCoordinator(DataUpdateCoordinator[MainData]):
    """Polls one server with sync/maindata deltas; the poll is its health probe."""

    config_entry: QBittorrentConfigEntry

    def __init__(
        self,
        hass: HomeAssistant,
        entry: QBittorrentConfigEntry,
        client: QBittorrentClient,
        poll_slots: asyncio.Semaphore,
    ) -> None:
        """Set up polling at the entry's interval, sharing the fleet's slots."""
        self.interval = float(
            entry.options.get(CONF_SCAN_INTERVAL, DEFAULT_SCAN_INTERVAL)
        )
        super().__init__(
            hass,
            LOGGER,
            config_entry=entry,
            name=entry.title,
            update_interval=timedelta(seconds=self.interval),
        )
        self.client = client
        self._poll_slots = poll_slots
        self._previous_success = True
        self.maindata = MainData()
        self.health = HealthMonitor(health_settings(entry.options), clock=_now)
        self._event_listeners: list[TorrentEventListener] = []
        self._ban_issue_id, self._unreachable_issue_id = repair_issue_ids(
            entry.entry_id
        )
        self._ban_issue_raised = False
        # Clock time of the first failure since the last success, and the
        # error the unreachable issue shows (None while there is no issue).
        self._failing_since: float | None = None
        self._unreachable_after = 60 * int(
            entry.options.get(CONF_UNREACHABLE_MINUTES, DEFAULT_UNREACHABLE_MINUTES)
        )
        self._unreachable_error: str | None = None
        # The version last written to the device registry.
        self._device_version: str | None = None

    @property
    def server_name(self) -> str:
        """The name the user gave this server."""
        return self.config_entry.title

    @callback
    def async_add_event_listener(self, listener: TorrentEventListener) -> CALLBACK_TYPE:
        """Call `listener` with the torrent events of every successful poll."""
        self._event_listeners.append(listener)

        @callback
        def remove() -> None:
            self._event_listeners.remove(listener)

        return remove

    async def _async_update_data(self) -> MainData:
        """Fetch what changed since the last poll and merge it."""
        if not self.health.allow_attempt():
            # Banned, or the circuit is open and its wait is not over (a manual
            # refresh): nothing is sent, so nothing can prolong a ban.
            raise self._failed(self._last_failure())
        self._previous_success = self.last_update_success
        try:
            async with self._poll_slots:
                events, elapsed = await self._poll()
        except QBittorrentError as err:
            self.health.record_failure(_failure_kind(err), str(err))
            raise self._failed(err) from err
        self._record_success(elapsed)
        for listener in list(self._event_listeners):
            listener(events)
        return self.maindata

    async def _poll(self) -> tuple[list[TorrentEvent], float]:
        """One round trip: probe when the circuit is half-open, then sync."""
        half_open = self.health.circuit is CircuitState.HALF_OPEN
        started = time.monotonic()
        if half_open:
            # The cheapest call decides whether the server is back before
            # the potentially large sync request is made.
            await self.client.probe()
        if self.client.version is None:
            await self.client.connect()
        reply = await self.client.maindata(self.maindata.rid)
        elapsed = time.monotonic() - started
        try:
            events = await self._merge(reply)
        except UnknownTorrentError:
            LOGGER.debug(
                "%s sent changes for torrents it never listed; syncing everything again",
                self.server_name,
            )
            events = await self._merge(await self.client.maindata(0))
        return events, elapsed

    async def _merge(self, reply: dict[str, Any]) -> list[TorrentEvent]:
        """Merge a sync reply into the state; a bad one leaves the state as it was."""
        resync = self.maindata.rid != 0 and bool(reply.get("full_update"))
        try:
            events = self.maindata.apply(reply)
        except UnknownTorrentError:
            raise
        except ValueError as err:
            raise UnexpectedResponseError(
                f"{self.client.url} sent a sync reply that could not be merged"
            ) from err
        if resync:
            # A resync follows a restart or a new session: the server may
            # have been upgraded meanwhile.
            await self.client.read_version()
        return events

    @callback
    def _async_refresh_finished(self) -> None:
        """Tell listeners about every failed check, not only the first.

        Home Assistant's coordinator stays silent while failures repeat, but
        the health status and failover count each consecutive failure.
        """
        if not self.last_update_success and not self._previous_success:
            self.async_update_listeners()

    def _record_success(self, elapsed: float) -> None:
        version = self.client.version
        self.health.record_success(elapsed, version.app if version else None)
        self.update_interval = timedelta(seconds=self.health.next_delay(self.interval))
        if self._ban_issue_raised:
            ir.async_delete_issue(self.hass, DOMAIN, self._ban_issue_id)
            self._ban_issue_raised = False
        self._failing_since = None
        if self._unreachable_error is not None:
            ir.async_delete_issue(self.hass, DOMAIN, self._unreachable_issue_id)
            self._unreachable_error = None
        if version is not None and version.app != self._device_version:
            self._update_device_version(version.app)

    def _update_device_version(self, app_version: str) -> None:
        """Keep the device's firmware field current (servers get upgraded)."""
        self._device_version = app_version
        registry = dr.async_get(self.hass)
        device = registry.async_get_device_by_identifier(
            (DOMAIN, self.config_entry.entry_id), self.config_entry.entry_id
        )
        if device is not None and device.sw_version != app_version:
            registry.async_update_device(device.id, sw_version=app_version)

    def _last_failure(self) -> QBittorrentError:
        if self.health.is_banned:
            return BannedError(self.health.last_error or "banned")
        return CannotConnectError(self.health.last_error or "not reachable", "backoff")

    def _failed(self, err: QBittorrentError) -> UpdateFailed | ConfigEntryAuthFailed:
        """Map a client error to what Home Assistant expects, and schedule the retry."""
        placeholders = {"server": self.server_name, "error": str(err)}
        if isinstance(err, AuthenticationError):
            # No further login attempts: reauth asks the user instead.
            return ConfigEntryAuthFailed(
                translation_domain=DOMAIN,
                translation_key="invalid_auth",
                translation_placeholders=placeholders,
            )
        # The backoff becomes the interval until a poll succeeds again.
        self.update_interval = timedelta(seconds=self.health.next_delay(self.interval))
        if isinstance(err, BannedError):
            self._raise_ban_issue()
            key = "banned"
        else:
            key = (
                "cannot_connect"
                if isinstance(err, CannotConnectError)
                else "unexpected_reply"
            )
            self._note_unreachable(str(err))
        return UpdateFailed(
            translation_domain=DOMAIN,
            translation_key=key,
            translation_placeholders=placeholders,
        )

    def _note_unreachable(self, error: str) -> None:
        """Raise a repair issue once the server has failed for long enough."""
        now = _now()
        if self._failing_since is None:
            self._failing_since = now
        if (
            now - self._failing_since < self._unreachable_after
            or error == self._unreachable_error
        ):
            return
        self._unreachable_error = error
        self._create_issue(
            self._unreachable_issue_id,
            "unreachable",
            ir.IssueSeverity.WARNING,
            minutes=str(self._unreachable_after // 60),
            error=error,
        )

    def _raise_ban_issue(self) -> None:
        self._ban_issue_raised = True
        self._create_issue(
            self._ban_issue_id,
            "banned",
            ir.IssueSeverity.ERROR,
            minutes=str(DEFAULT_BAN_SECONDS // 60),
        )

    def _create_issue(
        self, issue_id: str, key: str, severity: ir.IssueSeverity, **placeholders: str
    ) -> None:
        """Raise (or update) a repair issue about this server."""
        ir.async_create_issue(
            self.hass,
            DOMAIN,
            issue_id,
            is_fixable=False,
            severity=severity,
            translation_key=key,
            translation_placeholders={
                "server": self.server_name,
                "url": self.client.url,
                **placeholders,
            },
        )
