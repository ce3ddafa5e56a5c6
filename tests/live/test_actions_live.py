"""Actions and torrent events against real qBittorrent 4.2, 4.5, 5.1 and 5.3."""

from __future__ import annotations

import time
from typing import Any

from homeassistant.core import HomeAssistant
from homeassistant.exceptions import ServiceValidationError
import pytest
from pytest_homeassistant_custom_component.common import async_capture_events

from custom_components.qbittorrent_multi.const import DOMAIN, EVENT_TORRENT
from tests.live.test_integration_live import add_through_the_flow
from tests.live_fixtures import StartQBittorrent
from tests.real_qbittorrent import VERSIONS, RealQBittorrent
from tests.torrent_files import SampleTorrent, make_torrent

pytestmark = pytest.mark.usefixtures("socket_enabled", "enable_custom_integrations")


class LiveServer:
    """A private real server set up as the active server "Real"."""

    def __init__(self, hass: HomeAssistant, server: RealQBittorrent) -> None:
        self.hass = hass
        self.server = server

    async def call(self, action: str, **data: Any) -> Any:
        """Call an action; return its response when it has one."""
        response = action in {"get_torrents", "add_torrent"}
        return await self.hass.services.async_call(
            DOMAIN, action, data, blocking=True, return_response=response
        )

    async def torrent(self, info_hash: str) -> dict[str, Any] | None:
        """The torrent as get_torrents reports it after a fresh poll."""
        await self.hass.config_entries.async_entries(DOMAIN)[
            0
        ].runtime_data.coordinator.async_refresh()
        reply = await self.call("get_torrents")
        return next((t for t in reply["torrents"] if t["hash"] == info_hash), None)

    async def until(
        self, info_hash: str, check: Any, timeout: float = 30
    ) -> dict[str, Any] | None:
        """Poll until the torrent (None: not listed) satisfies `check`; the torrent.

        qBittorrent carries out actions asynchronously.
        """
        deadline = time.monotonic() + timeout
        while True:
            torrent = await self.torrent(info_hash)
            if check(torrent):
                return torrent
            assert time.monotonic() < deadline, f"torrent never got there: {torrent}"
            await self.hass.async_add_executor_job(time.sleep, 0.3)

    async def add(self, name: str) -> SampleTorrent:
        """Add a real .torrent whose data is already on disk."""
        sample = make_torrent(self.server.downloads_dir, name)
        reply = await self.call(
            "add_torrent",
            torrent_files=[str(sample.torrent_path)],
            save_path=str(self.server.downloads_dir),
        )
        assert reply["server"] == "Real"
        return sample


@pytest.fixture(params=VERSIONS, ids=[f"qbt{version}" for version in VERSIONS])
async def live(
    request: pytest.FixtureRequest,
    hass: HomeAssistant,
    start_qbittorrent: StartQBittorrent,
) -> LiveServer:
    """A private real server, so actions never disturb the shared ones."""
    server = start_qbittorrent(request.param)
    hass.config.allowlist_external_dirs.add(str(server.downloads_dir))
    await add_through_the_flow(hass, server, "Real")
    return LiveServer(hass, server)


async def test_a_real_torrent_goes_through_every_action(live: LiveServer) -> None:
    """Add, list, stop, start, categorise, tag, recheck and reannounce a real torrent."""
    sample = await live.add("actions.bin")
    torrent = await live.until(sample.info_hash, lambda t: t and t["progress"] == 100)
    assert torrent is not None
    assert torrent["name"] == "actions.bin"
    assert torrent["size"] == sample.size

    await live.call("stop_torrents", hashes=[sample.info_hash])
    await live.until(sample.info_hash, lambda t: t["state"] == "stopped")

    await live.call("start_torrents", hashes=[sample.info_hash])
    await live.until(sample.info_hash, lambda t: t["state"] != "stopped")

    await live.call("set_torrent_category", hashes=[sample.info_hash], category="linux")
    await live.call("add_torrent_tags", hashes=[sample.info_hash], tags=["iso", "keep"])
    await live.call("remove_torrent_tags", hashes=[sample.info_hash], tags=["keep"])
    torrent = await live.until(
        sample.info_hash, lambda t: t["category"] == "linux" and t["tags"] == ["iso"]
    )

    await live.call("recheck_torrents", category="linux")
    await live.call("reannounce_torrents", tag="iso")
    await live.until(sample.info_hash, lambda t: t["progress"] == 100)

    listed = await live.call("get_torrents", category="linux", state="seeding")
    assert [t["hash"] for t in listed["torrents"]] == [sample.info_hash]


async def test_deleting_keeps_the_data_unless_asked(live: LiveServer) -> None:
    """delete_torrents removes the torrent; files go only with delete_files."""
    kept = await live.add("kept.bin")
    gone = await live.add("gone.bin")
    for sample in (kept, gone):
        await live.until(sample.info_hash, lambda t: t and t["progress"] == 100)

    await live.call("delete_torrents", hashes=[kept.info_hash])
    await live.until(kept.info_hash, lambda t: t is None)
    assert kept.data_path.exists()

    await live.call("delete_torrents", hashes=[gone.info_hash], delete_files=True)
    await live.until(gone.info_hash, lambda t: t is None)
    deadline = time.monotonic() + 10
    while gone.data_path.exists() and time.monotonic() < deadline:
        await live.hass.async_add_executor_job(time.sleep, 0.2)
    assert not gone.data_path.exists()


async def test_events_follow_a_real_torrent_and_not_a_restart(live: LiveServer) -> None:
    """added then completed once each; removed on delete; nothing from a restart."""
    events = async_capture_events(live.hass, EVENT_TORRENT)
    sample = await live.add("events.bin")
    await live.until(sample.info_hash, lambda t: t and t["progress"] == 100)
    await live.torrent(sample.info_hash)

    live.server.restart()
    await live.torrent(sample.info_hash)
    await live.torrent(sample.info_hash)

    await live.call("delete_torrents", hashes=[sample.info_hash])
    await live.until(sample.info_hash, lambda t: t is None)

    assert [(e.data["type"], e.data["hash"]) for e in events] == [
        ("added", sample.info_hash),
        ("completed", sample.info_hash),
        ("removed", sample.info_hash),
    ]
    assert events[0].data["server"] == "Real"


@pytest.mark.parametrize("live", ["4.5", "5.1", "5.3"], indirect=True)
async def test_a_torrent_added_with_a_category_and_tags_has_them(
    live: LiveServer,
) -> None:
    """add_torrent's category and tags end up on the real torrent (4.3.2 and later)."""
    sample = make_torrent(live.server.downloads_dir, "tagged.bin")

    await live.call(
        "add_torrent",
        torrent_files=[str(sample.torrent_path)],
        save_path=str(live.server.downloads_dir),
        category="linux",
        tags=["iso", "keep"],
    )

    torrent = await live.until(sample.info_hash, lambda t: t and t["progress"] == 100)
    assert torrent is not None
    assert torrent["category"] == "linux"
    assert torrent["tags"] == ["iso", "keep"]


@pytest.mark.parametrize("live", ["4.2"], indirect=True)
async def test_tags_when_adding_are_refused_by_4_2_and_nothing_is_added(
    live: LiveServer,
) -> None:
    """4.2 would add the torrent untagged: the action says so and adds nothing."""
    sample = make_torrent(live.server.downloads_dir, "tagged.bin")

    with pytest.raises(ServiceValidationError) as raised:
        await live.call(
            "add_torrent",
            torrent_files=[str(sample.torrent_path)],
            save_path=str(live.server.downloads_dir),
            tags=["iso"],
        )

    assert str(raised.value) == (
        "Real runs qBittorrent v4.2.5, which cannot tag torrents while adding them"
        " (4.3.2 and later can). Nothing was added: add the torrent without tags,"
        " then tag it with the add_torrent_tags action"
    )
    assert (await live.call("get_torrents"))["torrents"] == []
