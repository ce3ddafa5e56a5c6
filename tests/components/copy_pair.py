"""Two servers to copy torrents between, and the copy_torrents call, for the copy tests."""

from __future__ import annotations

from typing import Any

from homeassistant.core import HomeAssistant

from tests.components.action_calls import call
from tests.components.server_entries import add_server
from tests.fake_qbittorrent import FakeQBittorrent
from tests.live_fixtures import StartFakeQBittorrent


async def nas_and_seedbox(
    hass: HomeAssistant,
    fake_qbittorrent: StartFakeQBittorrent,
    source: str = "5.3",
    target: str = "4.5",
) -> tuple[FakeQBittorrent, FakeQBittorrent]:
    """A source "NAS" and a target "Seedbox" of the given versions."""
    nas = await fake_qbittorrent(source)
    seedbox = await fake_qbittorrent(target)
    await add_server(hass, nas, "NAS")
    await add_server(hass, seedbox, "Seedbox")
    return nas, seedbox


async def copy_to_seedbox(hass: HomeAssistant, **data: object) -> Any:
    """copy_torrents from NAS to Seedbox; its response."""
    return await call(
        hass,
        "copy_torrents",
        {"server": "NAS", "target": "Seedbox", **data},
        response=True,
    )
