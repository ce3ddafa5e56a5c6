"""A real qBittorrent 5.3 with real torrents, polled by ours and by the built-in."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
import json
from pathlib import Path
import time

import aiohttp
from homeassistant.core import HomeAssistant

from custom_components.qbittorrent_multi.client import QBittorrentClient
from custom_components.qbittorrent_multi.sync import MainData
from tests.real_qbittorrent import RealQBittorrent
from tests.torrent_files import SampleTorrent, make_torrent

from .pollers import BuiltinPoller, Credentials, OurPoller, Poller
from .polling import PollPlan, PollSample, PollSummary, poll_series, timed_poll

# Real servers change on their own clock; a pause lets a poll see that.
PAUSE = 1.0
BATCH = 50
SETTLE_TIMEOUT = 120.0


@dataclass(frozen=True, slots=True)
class RealFigures:
    """Both clients against one real server."""

    version: str
    torrents: int
    ours_first: PollSample
    ours: PollSummary
    builtin_first: PollSample
    builtin: PollSummary


def _make_torrents(directory: Path, count: int) -> list[SampleTorrent]:
    # Data files next to the .torrent files, in the server's save path, so
    # that the torrents are complete and seed at once.
    return [
        make_torrent(directory, f"bench-{index:04}.bin", size=32 * 1024)
        for index in range(count)
    ]


async def _settled(client: QBittorrentClient, count: int) -> bool:
    state = MainData()
    state.apply(await client.maindata(0))
    torrents = state.torrents.values()
    return len(torrents) >= count and all(
        torrent.is_complete and not torrent.state.startswith("checking")
        for torrent in torrents
    )


async def _add_torrents(server: RealQBittorrent, samples: list[SampleTorrent]) -> None:
    async with aiohttp.ClientSession(
        cookie_jar=aiohttp.CookieJar(unsafe=True)
    ) as session:
        client = QBittorrentClient(
            session, server.url, username=server.username, password=server.password
        )
        await client.connect()
        # Even with skip_checking, qBittorrent loads new torrents through its
        # checking queue, one at a time by default: 500 would take minutes and
        # every waiting torrent's queue position would change each second.
        await client.send(
            "POST",
            "app/setPreferences",
            data={
                "json": json.dumps(
                    {"max_active_checking_torrents": 100, "queueing_enabled": False}
                )
            },
        )
        for first in range(0, len(samples), BATCH):
            batch = samples[first : first + BATCH]
            await client.add(
                files=[(s.torrent_path.name, s.torrent) for s in batch],
                options={"skip_checking": True},
            )
        # Measured once every torrent seeds: a server as it usually is.
        deadline = time.monotonic() + SETTLE_TIMEOUT
        while not await _settled(client, len(samples)):
            if time.monotonic() > deadline:
                raise RuntimeError("the real qBittorrent's torrents did not settle")
            await asyncio.sleep(0.5)


async def _pause() -> None:
    await asyncio.sleep(PAUSE)


async def _measure(poller: Poller, plan: PollPlan) -> tuple[PollSample, PollSummary]:
    try:
        first = await timed_poll(poller, sample_lag=True)
        return first, await poll_series(poller, plan, _pause)
    finally:
        await poller.close()


async def measure_real_server(
    hass: HomeAssistant, torrents: int, plan: PollPlan
) -> RealFigures:
    """Start qBittorrent 5.3, give it `torrents` real torrents, time both clients."""
    server = RealQBittorrent("5.3")
    await hass.async_add_executor_job(server.start)
    try:
        samples = await hass.async_add_executor_job(
            _make_torrents, server.downloads_dir, torrents
        )
        await _add_torrents(server, samples)
        credentials = Credentials(server.url, server.username, server.password)
        ours_first, ours = await _measure(OurPoller.create(hass, credentials), plan)
        builtin_first, builtin = await _measure(
            await BuiltinPoller.create(hass, credentials), plan
        )
    finally:
        await hass.async_add_executor_job(server.close)
    return RealFigures(
        version="5.3.0",
        torrents=torrents,
        ours_first=ours_first,
        ours=ours,
        builtin_first=builtin_first,
        builtin=builtin,
    )
