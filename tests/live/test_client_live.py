"""The client against real qBittorrent servers: auth, versions, prefix, sync."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Any

import aiohttp
import pytest

from custom_components.qbittorrent_multi.client import (
    AuthenticationError,
    QBittorrentClient,
    UnexpectedResponseError,
)
from custom_components.qbittorrent_multi.sync import (
    MainData,
    TorrentEventType,
    parse_reply,
)
from tests.live_fixtures import StartQBittorrent, real_versions
from tests.real_qbittorrent import VERSIONS, RealQBittorrent, Version
from tests.torrent_files import make_torrent

pytestmark = pytest.mark.usefixtures("socket_enabled")

# Application version, WebAPI version, and whether it speaks stop/start.
EXPECTED = {
    "4.2": ("v4.2.5", (2, 5, 1), False),
    "4.5": ("v4.5.2", (2, 8, 19), False),
    "5.1": ("v5.1.0", (2, 11, 4), True),
    "5.3": ("v5.3.0", (2, 16, 2), True),
}


@pytest.fixture
async def http() -> AsyncIterator[aiohttp.ClientSession]:
    """A session with its own cookie jar, as each server entry gets."""
    async with aiohttp.ClientSession(
        cookie_jar=aiohttp.CookieJar(unsafe=True)
    ) as session:
        yield session


def _client(
    http: aiohttp.ClientSession, server: RealQBittorrent, **overrides: Any
) -> QBittorrentClient:
    url = overrides.pop("url", server.url)
    options = {"username": server.username, "password": server.password} | overrides
    return QBittorrentClient(http, url, **options)


async def _until[T](probe: Callable[[], Awaitable[T | None]], timeout: float = 30) -> T:
    """Poll like the coordinator does until `probe` returns something."""
    deadline = asyncio.get_running_loop().time() + timeout
    while True:
        if (result := await probe()) is not None:
            return result
        if asyncio.get_running_loop().time() > deadline:
            raise AssertionError("the server never reached the expected state")
        await asyncio.sleep(0.5)


async def test_password_login_reports_the_server_version(
    http: aiohttp.ClientSession, real_qbittorrent: RealQBittorrent
) -> None:
    """Logging in with a password yields the application and WebAPI versions."""
    version = await _client(http, real_qbittorrent).connect()

    app, api, stop_start = EXPECTED[real_qbittorrent.version]
    assert version.app == app
    assert version.api == api
    assert version.uses_stop_start is stop_start


async def test_wrong_password_is_an_authentication_error(
    http: aiohttp.ClientSession, real_qbittorrent: RealQBittorrent
) -> None:
    """A wrong password is told apart from a ban and from a network failure."""
    client = _client(http, real_qbittorrent, password="not-the-password")

    with pytest.raises(AuthenticationError, match="refused the username or password"):
        await client.connect()


@pytest.mark.parametrize("real_qbittorrent", real_versions("5.3"), indirect=True)
async def test_api_key_authenticates_without_a_login(
    http: aiohttp.ClientSession, real_qbittorrent: RealQBittorrent
) -> None:
    """qBittorrent 5.2+ accepts an API key as a bearer token."""
    key = real_qbittorrent.rotate_api_key()
    client = QBittorrentClient(http, real_qbittorrent.url, api_key=key)

    version = await client.connect()

    assert version.app == "v5.3.0"
    assert parse_reply(await client.maindata(0)).full_update is True


async def test_wrong_api_key_is_an_authentication_error(
    http: aiohttp.ClientSession, real_qbittorrent: RealQBittorrent
) -> None:
    """A mistyped key, or any key on a line before 5.2, is reported as bad credentials."""
    client = QBittorrentClient(http, real_qbittorrent.url, api_key="qbt_not_a_key")

    with pytest.raises(AuthenticationError, match="refused the API key"):
        await client.connect()


async def test_a_path_prefix_the_server_does_not_have_is_explained(
    http: aiohttp.ClientSession, real_qbittorrent: RealQBittorrent
) -> None:
    """A URL with a reverse-proxy prefix pointed at a bare server says so."""
    client = _client(http, real_qbittorrent, url=f"{real_qbittorrent.url}/qbittorrent")

    with pytest.raises(UnexpectedResponseError, match="check the path prefix"):
        await client.connect()


async def test_sync_follows_a_torrent_from_added_to_removed(
    http: aiohttp.ClientSession, real_qbittorrent: RealQBittorrent
) -> None:
    """Incremental polls see a real torrent arrive, complete and go away."""
    client = _client(http, real_qbittorrent)
    await client.connect()
    state = MainData()
    assert state.apply(await client.maindata(state.rid)).events == []
    sample = make_torrent(
        real_qbittorrent.downloads_dir, f"live-sync-{real_qbittorrent.version}.bin"
    )
    seen: list[tuple[TorrentEventType, str]] = []

    async def poll() -> None:
        reply = parse_reply(await client.maindata(state.rid))
        assert not reply.full_update, "a steady session must get deltas"
        seen.extend((event.type, event.hash) for event in state.apply(reply).events)

    added = await client.add(
        files=[(sample.torrent_path.name, sample.torrent)],
        options={"save_path": str(real_qbittorrent.downloads_dir)},
    )

    async def completed() -> bool | None:
        await poll()
        return True if (TorrentEventType.COMPLETED, sample.info_hash) in seen else None

    await _until(completed)
    assert seen[0] == (TorrentEventType.ADDED, sample.info_hash)
    assert state.torrents[sample.info_hash].name == sample.name
    assert state.counts()["total"] >= 1
    # Servers from WebAPI 2.14 report what they added.
    assert added == (
        [sample.info_hash] if client.version and client.version.add_returns_ids else []
    )

    await client.delete([sample.info_hash], delete_files=False)

    async def removed() -> bool | None:
        await poll()
        return True if sample.info_hash not in state.torrents else None

    await _until(removed)
    assert seen[-1] == (TorrentEventType.REMOVED, sample.info_hash)
    assert sample.data_path.exists(), "deleting without delete_files keeps the data"


@pytest.mark.parametrize("version", VERSIONS)
async def test_restarted_server_is_resynced_after_one_new_login(
    http: aiohttp.ClientSession, start_qbittorrent: StartQBittorrent, version: Version
) -> None:
    """A restart forgets the session: one re-login, then a full update, no events."""
    server = start_qbittorrent(version)
    client = _client(http, server)
    await client.connect()
    state = MainData()
    state.apply(await client.maindata(0))
    state.apply(await client.maindata(state.rid))

    server.restart()
    reply = parse_reply(await client.maindata(state.rid))

    assert reply.full_update is True
    assert state.apply(reply).events == []
