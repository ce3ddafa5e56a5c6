"""Real servers set up in Home Assistant for the live action tests, and the servers' own view.

What a test asserts about a server it reads from the server itself
(`server_json`), not through the client under test.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
import json
import time
from typing import Any

import aiohttp
from homeassistant.core import HomeAssistant

from custom_components.qbittorrent_multi.const import DOMAIN
from tests.live.test_integration_live import add_through_the_flow
from tests.real_qbittorrent import RealQBittorrent

# Actions that answer with data.
RESPONDING = frozenset(
    {"add_torrent", "copy_torrents", "get_torrents", "get_torrent_files"}
)


async def server_request(
    server: RealQBittorrent,
    method: str,
    endpoint: str,
    *,
    params: dict[str, str] | None = None,
    form: dict[str, str] | None = None,
) -> Any:
    """One request to the real server in a session of its own; its JSON, or None."""
    async with aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True)) as http:
        await http.post(
            f"{server.url}/api/v2/auth/login",
            data={"username": server.username, "password": server.password},
        )
        async with http.request(
            method, f"{server.url}/api/v2/{endpoint}", params=params, data=form
        ) as response:
            assert response.status == 200, await response.text()
            body = await response.read()
    return json.loads(body) if body.strip() else None


async def server_json(server: RealQBittorrent, endpoint: str, **params: str) -> Any:
    """GET from the real server, as the truth to compare with."""
    return await server_request(server, "GET", endpoint, params=params)


async def server_post(server: RealQBittorrent, endpoint: str, **form: str) -> Any:
    """POST to the real server directly, as a change made outside Home Assistant."""
    return await server_request(server, "POST", endpoint, form=form)


async def server_torrent(
    server: RealQBittorrent, info_hash: str
) -> dict[str, Any] | None:
    """The torrent as the real server lists it, None while it does not."""
    torrents = await server_json(server, "torrents/info", hashes=info_hash)
    return torrents[0] if torrents else None


async def until[T](
    probe: Callable[[], Awaitable[T | None]], timeout: float = 30.0
) -> T:
    """Ask until `probe` gives something (real servers act asynchronously)."""
    deadline = time.monotonic() + timeout
    while (result := await probe()) is None:
        assert time.monotonic() < deadline, "the server never got there"
        await asyncio.sleep(0.3)
    return result


class RealFleet:
    """Real servers added to Home Assistant through the config flow, by name."""

    def __init__(self, hass: HomeAssistant) -> None:
        """No server yet."""
        self.hass = hass
        self.servers: dict[str, RealQBittorrent] = {}

    async def add(self, name: str, server: RealQBittorrent) -> RealQBittorrent:
        """Set a real server up as `name`; its downloads folder may be read from."""
        self.hass.config.allowlist_external_dirs.add(str(server.downloads_dir))
        await add_through_the_flow(self.hass, server, name)
        self.servers[name] = server
        return server

    async def call(self, action: str, **data: Any) -> Any:
        """Call an action; its response when it has one."""
        return await self.hass.services.async_call(
            DOMAIN,
            action,
            data,
            blocking=True,
            return_response=action in RESPONDING,
        )

    async def refresh(self) -> None:
        """Poll every server now, so that selections see the latest torrents."""
        for entry in self.hass.config_entries.async_entries(DOMAIN):
            if entry.data.get("kind") == "server":
                await entry.runtime_data.coordinator.async_refresh()
        await self.hass.async_block_till_done()
