"""Two servers to copy torrents between, and the copy_torrents call, for the copy tests."""

from __future__ import annotations

from typing import Any

from homeassistant.core import HomeAssistant

from tests.components.action_calls import call
from tests.components.server_entries import add_server
from tests.fake_qbittorrent import FakeQBittorrent
from tests.live_fixtures import StartFakeQBittorrent
from tests.real_qbittorrent import Version
from tests.torrent_files import SampleTorrent


async def nas_and_seedbox(
    hass: HomeAssistant,
    fake_qbittorrent: StartFakeQBittorrent,
    source: Version = "5.3",
    target: Version = "4.5",
) -> tuple[FakeQBittorrent, FakeQBittorrent]:
    """A source "NAS" and a target "Seedbox" of the given versions."""
    nas = await fake_qbittorrent(source)
    seedbox = await fake_qbittorrent(target)
    await add_server(hass, nas, "NAS")
    await add_server(hass, seedbox, "Seedbox")
    return nas, seedbox


async def nas_with(
    hass: HomeAssistant,
    fake_qbittorrent: StartFakeQBittorrent,
    sample: SampleTorrent,
    versions: tuple[Version, Version] = ("5.3", "4.5"),
    tags: tuple[str, ...] = (),
) -> tuple[FakeQBittorrent, FakeQBittorrent]:
    """NAS and Seedbox of these versions, the sample's torrent (with these tags) on NAS."""
    nas, seedbox = await nas_and_seedbox(hass, fake_qbittorrent, *versions)
    nas.add_torrent_file(sample.torrent, tags=tags)
    return nas, seedbox


async def move_to_seedbox(hass: HomeAssistant, sample: SampleTorrent) -> Any:
    """copy_torrents of the sample's torrent from NAS to Seedbox, moving it; the torrents reported."""
    result = await copy_to_seedbox(hass, hashes=[sample.info_hash], move=True)
    return result["torrents"]


async def copy_to_seedbox(hass: HomeAssistant, **data: object) -> Any:
    """copy_torrents from NAS to Seedbox; its response."""
    return await call(
        hass,
        "copy_torrents",
        {"server": "NAS", "target": "Seedbox", **data},
        response=True,
    )


def reported(sample: SampleTorrent, result: str, via: str) -> dict[str, str]:
    """How copy_torrents reports a torrent of the sample's that went through."""
    return {"hash": sample.info_hash, "name": sample.name, "result": result, "via": via}
