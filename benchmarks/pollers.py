"""The two contenders, each reduced to "poll once" behind the same small interface.

ours: this integration's QBittorrentCoordinator, built the way its setup builds
it (own client session and cookie jar), polling with rid deltas.
built-in: Home Assistant's qbittorrent coordinator with the qbittorrent-api
client its setup creates; synchronous requests in the executor, a full
sync/maindata snapshot plus transfer/speedLimitsMode on every poll.
Neither has entities attached: what is measured is the coordinator's poll.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Protocol

import aiohttp
from homeassistant.components.qbittorrent.coordinator import (
    QBittorrentDataCoordinator,
)
from homeassistant.components.qbittorrent.helpers import setup_client
from homeassistant.core import HomeAssistant
from homeassistant.helpers.aiohttp_client import async_create_clientsession
from pytest_homeassistant_custom_component.common import MockConfigEntry
import requests

from custom_components.qbittorrent_multi.client import QBittorrentClient
from custom_components.qbittorrent_multi.const import DOMAIN
from custom_components.qbittorrent_multi.coordinator import QBittorrentCoordinator
from custom_components.qbittorrent_multi.fleet_polling import FleetPolling


@dataclass(frozen=True, slots=True)
class Credentials:
    """Where a server listens and how to log in."""

    url: str
    username: str
    password: str


class Poller(Protocol):
    """One client of one server."""

    @property
    def bytes_received(self) -> int:
        """Response body bytes received so far."""
        ...

    async def poll(self) -> None:
        """Run one poll as the coordinator's schedule would; raise if it failed."""
        ...

    async def close(self) -> None:
        """Let go of the connection."""
        ...


class OurPoller:
    """QBittorrentCoordinator with its own client session."""

    def __init__(
        self,
        coordinator: QBittorrentCoordinator,
        session: aiohttp.ClientSession,
    ) -> None:
        """Wrap a coordinator; use `create`."""
        self.coordinator = coordinator
        self._session = session

    @classmethod
    def create(cls, hass: HomeAssistant, server: Credentials) -> OurPoller:
        """A coordinator for one server, as a server entry's setup makes it."""
        entry = MockConfigEntry(
            domain=DOMAIN,
            data={
                "kind": "server",
                "url": server.url,
                "username": server.username,
                "password": server.password,
                "api_key": "",
                "verify_ssl": True,
            },
            unique_id=server.url,
            title="bench",
        )
        session = async_create_clientsession(
            hass, auto_cleanup=False, cookie_jar=aiohttp.CookieJar(unsafe=True)
        )
        client = QBittorrentClient(
            session, server.url, username=server.username, password=server.password
        )
        coordinator = QBittorrentCoordinator(hass, entry, client, FleetPolling())
        return cls(coordinator, session)

    @property
    def bytes_received(self) -> int:
        """Body bytes the client has read."""
        return self.coordinator.client.bytes_received

    async def poll(self) -> None:
        """One incremental poll."""
        await self.coordinator.async_refresh()
        if not self.coordinator.last_update_success:
            raise RuntimeError(f"our poll failed: {self.coordinator.last_exception}")

    async def close(self) -> None:
        """Forget the session."""
        await self.coordinator.client.close()
        self._session.detach()


class BuiltinPoller:
    """Home Assistant's qbittorrent coordinator and its qbittorrent-api client."""

    def __init__(self, coordinator: QBittorrentDataCoordinator) -> None:
        """Wrap a coordinator; use `create`."""
        self.coordinator = coordinator
        self._bytes = 0
        # Counted on the response objects requests hands back: body bytes, as
        # our client counts them. The fake server's own count agrees.
        coordinator.client._session.hooks["response"].append(self._count)

    def _count(self, response: requests.Response, *args: Any, **kwargs: Any) -> None:
        self._bytes += len(response.content)

    @classmethod
    async def create(cls, hass: HomeAssistant, server: Credentials) -> BuiltinPoller:
        """A coordinator for one server, as the built-in entry's setup makes it."""
        entry = MockConfigEntry(
            domain="qbittorrent",
            data={
                "url": server.url,
                "username": server.username,
                "password": server.password,
                "verify_ssl": True,
            },
        )
        client = await hass.async_add_executor_job(
            setup_client, server.url, server.username, server.password, True
        )
        return cls(QBittorrentDataCoordinator(hass, entry, client))

    @property
    def bytes_received(self) -> int:
        """Body bytes requests has received since the hook was set."""
        return self._bytes

    async def poll(self) -> None:
        """One full poll."""
        await self.coordinator.async_refresh()
        if not self.coordinator.last_update_success:
            raise RuntimeError(
                f"built-in poll failed: {self.coordinator.last_exception}"
            )

    async def close(self) -> None:
        """Close the requests session."""
        client = self.coordinator.client
        await self.coordinator.hass.async_add_executor_job(
            client._trigger_session_initialization
        )
