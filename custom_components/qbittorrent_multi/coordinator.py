"""One coordinator per qBittorrent server: incremental polling and health.

The poll is the server's health probe, and `HealthMonitor` is the one record
of its failures, last error and backoff; the coordinator, the switcher and
the entities all read it.

The backoff is Home Assistant's update interval, set from the monitor after
every poll, rather than ``UpdateFailed(retry_after=...)``: Home Assistant
honours ``retry_after`` only after the entry is set up, and the one wait that
matters most, a ban found at setup, starts in the first refresh.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Generator, Mapping
from dataclasses import dataclass
from datetime import timedelta
import time
from typing import Any

from homeassistant.config_entries import ConfigEntry
from homeassistant.core import CALLBACK_TYPE, HomeAssistant, callback
from homeassistant.exceptions import ConfigEntryAuthFailed
from homeassistant.helpers.update_coordinator import DataUpdateCoordinator, UpdateFailed

from .client import (
    AuthenticationError,
    BannedError,
    CannotConnectError,
    QBittorrentClient,
    QBittorrentError,
    UnexpectedResponseError,
    release_body,
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
from .fleet_polling import FleetPolling
from .health import FailureKind, HealthMonitor, HealthSettings
from .listeners import Listeners
from .repairs import ServerRepairs
from .server_device import ServerDevice
from .sync import (
    Body,
    Changes,
    InvalidJsonError,
    MainData,
    MalformedReplyError,
    UnknownTorrentError,
    Update,
    reply_steps,
)

type UpdateListener = Callable[[Update], None]


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
    # and any clock adjustment, reaches the health monitor and the repairs.
    return time.time()


def _failure_kind(err: QBittorrentError) -> FailureKind:
    if isinstance(err, AuthenticationError):
        return FailureKind.AUTH
    if isinstance(err, BannedError):
        return FailureKind.BANNED
    if isinstance(err, CannotConnectError):
        return FailureKind.CONNECTION
    return FailureKind.UNEXPECTED


async def run_in_steps[T](steps: Generator[None, None, T]) -> T:
    """Run a generator's steps, letting the event loop run between two of them.

    After the last step of a job that took several, the loop runs once more
    before the caller goes on: a parse's last step and a merge's first would
    otherwise hold the loop together, twice as long as any one step.
    """
    stepped = False
    while True:
        try:
            next(steps)
        except StopIteration as done:
            if stepped:
                await asyncio.sleep(0)
            return done.value  # type: ignore[no-any-return]
        stepped = True
        await asyncio.sleep(0)


class QBittorrentCoordinator(DataUpdateCoordinator[MainData]):
    """Polls one server with sync/maindata deltas; the poll is its health probe."""

    config_entry: QBittorrentConfigEntry

    def __init__(
        self,
        hass: HomeAssistant,
        entry: QBittorrentConfigEntry,
        client: QBittorrentClient,
        polling: FleetPolling,
    ) -> None:
        """Set up polling at the entry's interval, on the fleet's beat and slots."""
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
        self._poll_slots = polling.slots
        # Home Assistant's own per-coordinator fraction of a second, replaced
        # by the fleet's (see FleetPolling.phase).
        self._microsecond = polling.phase
        self._previous_success = True
        self.maindata = MainData()
        self.health = HealthMonitor(health_settings(entry.options), clock=_now)
        self._update_listeners: Listeners[Update] = Listeners()
        # What the latest poll changed; None when it failed (or before one).
        self.last_changes: Changes | None = None
        self.repairs = ServerRepairs(
            hass,
            entry.entry_id,
            60
            * int(
                entry.options.get(CONF_UNREACHABLE_MINUTES, DEFAULT_UNREACHABLE_MINUTES)
            ),
            lambda: {"server": self.server_name, "url": self.client.url},
            _now,
        )
        self._device = ServerDevice(hass, entry.entry_id)

    @property
    def server_name(self) -> str:
        """The name the user gave this server."""
        return self.config_entry.title

    @callback
    def async_add_update_listener(self, listener: UpdateListener) -> CALLBACK_TYPE:
        """Call `listener` with what each successful poll changed and brought."""
        return self._update_listeners.add(listener)

    @property
    def update_listener_count(self) -> int:
        """How many listeners are told what each poll changed."""
        return len(self._update_listeners)

    async def async_sync_now(self) -> None:
        """Poll now, for an action that must see the server's torrents as they are.

        A scheduled poll under way finishes first (Home Assistant's refresh
        lock), so no reply is merged twice. Raises what made the poll fail,
        for the action to report.
        """
        await self.async_refresh()
        if self.last_update_success:
            return
        cause = self.last_exception.__cause__ if self.last_exception else None
        raise cause if isinstance(cause, QBittorrentError) else self._last_failure()

    async def _async_update_data(self) -> MainData:
        """Fetch what changed since the last poll and merge it."""
        self.last_changes = None
        if not self.health.may_attempt(self.interval):
            # Banned, or the circuit is open and its wait is not over (a manual
            # refresh): nothing is sent, so nothing can prolong a ban.
            raise self._failed(self._last_failure())
        self._previous_success = self.last_update_success
        trial = self.health.start_attempt(self.interval)
        try:
            async with self._poll_slots:
                update, elapsed = await self._poll(trial=trial)
        except QBittorrentError as err:
            self.health.record_failure(_failure_kind(err), str(err))
            raise self._failed(err) from err
        self._record_success(elapsed)
        self.last_changes = update.changes
        self._update_listeners.notify(update)
        return self.maindata

    async def _poll(self, *, trial: bool) -> tuple[Update, float]:
        """One round trip: probe when the circuit is half-open, then sync."""
        started = time.monotonic()
        if trial:
            # The cheapest call decides whether the server is back before
            # the potentially large sync request is made.
            await self.client.probe()
        await self.client.ensure_connected()
        body = await self.client.maindata(self.maindata.rid)
        elapsed = time.monotonic() - started
        try:
            update = await self._merge(body)
        except UnknownTorrentError:
            LOGGER.debug(
                "%s sent changes for torrents it never listed; syncing everything again",
                self.server_name,
            )
            update = await self._merge(await self.client.maindata(0))
        return update, elapsed

    async def _merge(self, body: Body) -> Update:
        """Parse and merge a sync reply; a bad one leaves the state as it was.

        A first sync of tens of thousands of torrents is parsed and merged in
        steps with the event loop running between them. Refreshes of one
        coordinator never overlap, so no second merge can start meanwhile.
        """
        held = self.maindata.rid != 0
        try:
            reply = await run_in_steps(reply_steps(body))
            await release_body(body)
            update = await run_in_steps(self.maindata.merge_steps(reply))
        except UnknownTorrentError:
            raise
        except InvalidJsonError as err:
            raise UnexpectedResponseError(
                f"{self.client.url} sent a reply that is not valid JSON"
            ) from err
        except MalformedReplyError as err:
            raise UnexpectedResponseError(
                f"{self.client.url} sent a sync reply that could not be merged"
            ) from err
        if held and update.full_update:
            # A resync follows a restart or a new session: the server may
            # have been upgraded meanwhile.
            await self.client.read_version()
        return update

    @callback
    def async_update_listeners(self) -> None:
        """Call the listeners; after two successful polls, only those concerned.

        Entities listen with their `affected_by` as context. While the server
        keeps answering, every entity stays available, and one whose figures
        the poll did not change has nothing to write: a fleet polls every
        server every few seconds, and most polls change a few figures.
        """
        changes = self.last_changes
        if changes is None or not self._previous_success:
            super().async_update_listeners()
            return
        for update_callback, affected_by in list(self._listeners.values()):
            if callable(affected_by) and not affected_by(changes):
                continue
            try:
                update_callback()
            except Exception:
                self.logger.exception(
                    "Unexpected error updating listener %s for %s",
                    id(update_callback),
                    self.name,
                )

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
        self.repairs.async_answered()
        if version is not None:
            self._device.async_set_version(version.app)

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
            self.repairs.async_banned()
            key = "banned"
        else:
            key = (
                "cannot_connect"
                if isinstance(err, CannotConnectError)
                else "unexpected_reply"
            )
            self.repairs.async_unreachable(str(err))
        return UpdateFailed(
            translation_domain=DOMAIN,
            translation_key=key,
            translation_placeholders=placeholders,
        )
