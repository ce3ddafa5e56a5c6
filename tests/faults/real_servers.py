"""Real qBittorrent servers inside Home Assistant's harness: entries, torrents, truth.

A real server's start, stop and login helpers block; in a test that has the
`hass` fixture they run in the executor, as Home Assistant requires of
blocking calls.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Mapping
from contextlib import asynccontextmanager
import time
from typing import Any

import aiohttp

from custom_components.qbittorrent_multi.client import QBittorrentClient
from custom_components.qbittorrent_multi.sync import MainData
from tests.real_qbittorrent import RealQBittorrent
from tests.torrent_files import make_torrent

# States a torrent passes through on its way to a steady one.
_TRANSIENT_STATES = frozenset(
    {"checkingUP", "checkingDL", "checkingResumeData", "allocating", "metaDL", "moving"}
)


def kill(server: RealQBittorrent) -> None:
    """End the server process at once, as a crash or the OOM killer would (blocking)."""
    process = server._process
    assert process is not None
    process.kill()
    process.wait()


@asynccontextmanager
async def direct_client(server: RealQBittorrent) -> AsyncIterator[QBittorrentClient]:
    """A logged-in client of the test's own, beside Home Assistant's."""
    async with aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True)) as http:
        client = QBittorrentClient(
            http, server.url, username=server.username, password=server.password
        )
        await client.connect()
        yield client


async def server_truth(server: RealQBittorrent) -> MainData:
    """What the server holds right now, from a full update in a new session."""
    async with direct_client(server) as client:
        truth = MainData()
        truth.apply(await client.maindata(0))
        return truth


async def add_settled_torrents(
    client: QBittorrentClient, server: RealQBittorrent, *, running: int, stopped: int
) -> list[str]:
    """Add torrents whose data is on disk; return their hashes once all have settled."""
    hashes = []
    for index in range(running + stopped):
        sample = make_torrent(server.downloads_dir, f"fault-{index}.bin")
        options: Mapping[str, Any] = {
            "save_path": str(server.downloads_dir),
            "stopped": index >= running,
        }
        await client.add(
            files=[(sample.torrent_path.name, sample.torrent)], options=options
        )
        hashes.append(sample.info_hash)
    await until_settled(client, hashes)
    return hashes


async def until_settled(
    client: QBittorrentClient,
    hashes: list[str],
    *,
    gone: tuple[str, ...] = (),
    attempts: int = 100,
) -> None:
    """Wait until each of `hashes` is in a steady state and none of `gone` is listed.

    A restarted server resumes its torrents through checking states; what
    Home Assistant shows is compared with the server once that is over.
    """
    for _ in range(attempts):
        state = MainData()
        state.apply(await client.maindata(0))
        if all(
            torrent_hash in state.torrents
            and state.torrents[torrent_hash].state not in _TRANSIENT_STATES
            for torrent_hash in hashes
        ) and not any(torrent_hash in state.torrents for torrent_hash in gone):
            return
        await real_sleep(0.2)
    raise AssertionError("the torrents never settled on the real server")


async def real_sleep(seconds: float) -> None:
    """Wait in wall-clock time, even while `freezer` holds the event loop's clock.

    Under freezegun the loop's clock stands still, so asyncio.sleep would never
    return; a worker thread's sleep is not frozen.
    """
    await asyncio.to_thread(time.sleep, seconds)
