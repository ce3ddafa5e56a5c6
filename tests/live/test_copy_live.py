"""copy_torrents between real qBittorrent 4.x and 5.x servers, in both directions."""

from __future__ import annotations

from typing import Any

from homeassistant.core import HomeAssistant
import pytest

from tests.live.real_fleet import RealFleet, server_json, server_post, until
from tests.live_fixtures import StartQBittorrent
from tests.real_qbittorrent import RealQBittorrent, Version
from tests.torrent_files import SampleTorrent, make_folder_torrent

pytestmark = pytest.mark.usefixtures("socket_enabled", "enable_custom_integrations")

TRACKER = "udp://tracker.example.invalid:1337/announce"
# Source and target: old to new and new to old; 4.2 cannot export a .torrent.
PAIRS: list[tuple[Version, Version]] = [
    ("4.2", "5.3"),
    ("5.3", "4.2"),
    ("4.5", "5.1"),
    ("5.1", "4.5"),
]


@pytest.fixture(params=PAIRS, ids=[f"{old}-to-{new}" for old, new in PAIRS])
async def pair(
    request: pytest.FixtureRequest,
    hass: HomeAssistant,
    start_qbittorrent: StartQBittorrent,
) -> tuple[RealFleet, RealQBittorrent, RealQBittorrent]:
    """Two private real servers set up as "Source" and "Target"."""
    source_version, target_version = request.param
    fleet = RealFleet(hass)
    source = await fleet.add("Source", start_qbittorrent(source_version))
    target = await fleet.add("Target", start_qbittorrent(target_version))
    return fleet, source, target


async def _seeding(fleet: RealFleet, server: RealQBittorrent) -> SampleTorrent:
    """A torrent with a tracker, its data in place, in category "music" and tagged "flac"."""
    sample = make_folder_torrent(server.downloads_dir, "Album", trackers=(TRACKER,))
    await fleet.call(
        "add_torrent",
        server="Source",
        torrent_files=[str(sample.torrent_path)],
        save_path=str(server.downloads_dir),
        category="music",
    )
    await until(lambda: _listed(server, sample.info_hash, progress=1))
    # Tagged directly: 4.2 takes no tags while adding.
    await server_post(server, "torrents/addTags", hashes=sample.info_hash, tags="flac")
    # No poll is awaited: a copy by category polls the source itself.
    await until(lambda: _listed(server, sample.info_hash, tags="flac"))
    return sample


async def _listed(
    server: RealQBittorrent, info_hash: str, **fields: Any
) -> dict[str, Any] | None:
    """The torrent once the server lists it with every field given."""
    torrents = await server_json(server, "torrents/info", hashes=info_hash)
    if not torrents or any(torrents[0].get(k) != v for k, v in fields.items()):
        return None
    return dict(torrents[0])


async def _copy(fleet: RealFleet, **data: Any) -> Any:
    """copy_torrents from Source to Target; its response."""
    return await fleet.call("copy_torrents", server="Source", target="Target", **data)


def _via(source: RealQBittorrent) -> str:
    """4.2 cannot export, so its torrents go as magnet links."""
    return "magnet" if source.version == "4.2" else "torrent_file"


async def test_a_torrent_is_copied_with_its_category_tags_and_trackers(
    pair: tuple[RealFleet, RealQBittorrent, RealQBittorrent],
) -> None:
    """The target lists it with the same category and tag; the source keeps it."""
    fleet, source, target = pair
    sample = await _seeding(fleet, source)

    reply = await _copy(fleet, category="music", save_path=str(target.downloads_dir))

    assert reply == {
        "source": "Source",
        "target": "Target",
        "move": False,
        "torrents": [
            {
                "hash": sample.info_hash,
                "name": "Album",
                "result": "copied",
                "via": _via(source),
            }
        ],
    }
    copied = await until(
        lambda: _listed(target, sample.info_hash, category="music", tags="flac")
    )
    assert copied["save_path"].rstrip("/") == str(target.downloads_dir)
    assert "music" in await server_json(target, "torrents/categories")
    trackers = await server_json(target, "torrents/trackers", hash=sample.info_hash)
    assert TRACKER in [tracker["url"] for tracker in trackers]
    assert await _listed(source, sample.info_hash, category="music")


async def test_a_moved_torrent_leaves_the_source_but_its_data_stays(
    pair: tuple[RealFleet, RealQBittorrent, RealQBittorrent],
) -> None:
    """Removed from the source only once the target lists it; no file is deleted."""
    fleet, source, target = pair
    sample = await _seeding(fleet, source)

    reply = await _copy(fleet, hashes=[sample.info_hash], move=True)

    [moved] = reply["torrents"]
    assert (moved["result"], moved["via"]) == ("moved", _via(source))
    assert await _listed(target, sample.info_hash, category="music", tags="flac")
    assert await server_json(source, "torrents/info", hashes=sample.info_hash) == []
    assert sorted(path.name for path in (source.downloads_dir / "Album").iterdir()) == [
        "part-0.bin",
        "part-1.bin",
        "part-2.bin",
    ]


async def test_a_torrent_the_target_has_is_not_added_twice(
    pair: tuple[RealFleet, RealQBittorrent, RealQBittorrent],
) -> None:
    """A second copy finds it already there."""
    fleet, source, target = pair
    sample = await _seeding(fleet, source)
    await _copy(fleet, hashes=[sample.info_hash])

    reply = await _copy(fleet, hashes=[sample.info_hash])

    [again] = reply["torrents"]
    assert (again["result"], again["via"]) == ("copied", "already_on_target")
    assert len(await server_json(target, "torrents/info")) == 1
