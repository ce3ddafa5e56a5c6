"""The steering, file, category and tag actions against real qBittorrent 4.2, 4.5, 5.1 and 5.3."""

from __future__ import annotations

from functools import partial
from pathlib import Path
from typing import Any

from homeassistant.core import HomeAssistant
from homeassistant.exceptions import HomeAssistantError, ServiceValidationError
import pytest

from tests.live.real_fleet import (
    RealFleet,
    server_json,
    server_post,
    server_torrent,
    until,
)
from tests.live_fixtures import StartQBittorrent
from tests.real_qbittorrent import VERSIONS, RealQBittorrent
from tests.torrent_files import SampleTorrent, make_folder_torrent, make_torrent

pytestmark = pytest.mark.usefixtures("socket_enabled", "enable_custom_integrations")


@pytest.fixture(params=VERSIONS, ids=[f"qbt{version}" for version in VERSIONS])
async def real(
    request: pytest.FixtureRequest,
    hass: HomeAssistant,
    start_qbittorrent: StartQBittorrent,
) -> tuple[RealFleet, RealQBittorrent]:
    """A private real server, set up as "Real", so actions never disturb the shared ones."""
    fleet = RealFleet(hass)
    server = await fleet.add("Real", start_qbittorrent(request.param))
    return fleet, server


async def _album(fleet: RealFleet, server: RealQBittorrent) -> SampleTorrent:
    """A three-file torrent with its data in place, seeding on the server and known to Home Assistant."""
    sample = make_folder_torrent(server.downloads_dir, "Album")
    await fleet.call(
        "add_torrent",
        torrent_files=[str(sample.torrent_path)],
        save_path=str(server.downloads_dir),
        category="music",
        tags=[] if server.version == "4.2" else ["flac"],
    )
    # No poll is awaited: an action by category or tag polls the server itself.
    await until(lambda: _where(server, sample.info_hash, progress=1))
    return sample


async def _where(
    server: RealQBittorrent, info_hash: str, **fields: Any
) -> dict[str, Any] | None:
    """The torrent once the server shows every field with the value given."""
    torrent = await server_torrent(server, info_hash)
    if torrent is None or any(
        torrent.get(key) != value for key, value in fields.items()
    ):
        return None
    return torrent


async def test_a_real_torrent_is_steered_by_every_action(
    real: tuple[RealFleet, RealQBittorrent],
) -> None:
    """Location, force start, super seeding, management and name reach the real torrent."""
    fleet, server = real
    sample = await _album(fleet, server)
    moved = server.downloads_dir / "moved"
    torrent = sample.info_hash

    await fleet.call("set_location", hashes=[torrent], location=str(moved))
    await until(
        lambda: _where(
            server, torrent, save_path=_as_shown(server, str(moved)), progress=1
        )
    )
    # The server may report the new folder before its files are all there.
    await until(lambda: _present(moved / "Album" / "part-2.bin"))
    assert not (server.downloads_dir / "Album").exists()

    await fleet.call("set_force_start", category="music", enable=True)
    await fleet.call("set_super_seeding", hashes=[torrent], enable=True)
    await fleet.call("set_auto_management", hashes=[torrent], enable=True)
    await until(
        lambda: _where(
            server, torrent, force_start=True, super_seeding=True, auto_tmm=True
        )
    )
    await fleet.call("set_force_start", hashes=[torrent], enable=False)
    await fleet.call("set_auto_management", hashes=[torrent], enable=False)
    await until(lambda: _where(server, torrent, force_start=False, auto_tmm=False))

    await fleet.call("rename_torrent", hash=torrent, name=" Best of ")
    await until(lambda: _where(server, torrent, name="Best of"))


async def test_files_of_a_real_torrent_are_listed_and_prioritised(
    real: tuple[RealFleet, RealQBittorrent],
) -> None:
    """Indexes as get_torrent_files gives them reach the right files, on every line."""
    fleet, server = real
    sample = await _album(fleet, server)

    await fleet.call(
        "set_file_priority", hash=sample.info_hash, indexes=[2], priority="high"
    )
    await fleet.call(
        "set_file_priority",
        hash=sample.info_hash,
        indexes=[0],
        priority="do_not_download",
    )

    async def listed() -> dict[str, Any] | None:
        reply = await fleet.call("get_torrent_files", hash=sample.info_hash)
        priorities = [file["priority"] for file in reply["files"]]
        return reply if priorities == ["do_not_download", "normal", "high"] else None

    reply = await until(listed)
    # 4.2 moves a file it does not download into a ".unwanted" folder.
    skipped = (
        "Album/.unwanted/part-0.bin" if server.version == "4.2" else "Album/part-0.bin"
    )
    assert [(file["index"], file["name"], file["size"]) for file in reply["files"]] == [
        (0, skipped, 40_000),
        (1, "Album/part-1.bin", 30_000),
        (2, "Album/part-2.bin", 20_000),
    ]
    truth = await server_json(server, "torrents/files", hash=sample.info_hash)
    # 4.2 reports an untouched file's priority as libtorrent's default, 4.
    untouched = 4 if server.version == "4.2" else 1
    assert [file["priority"] for file in truth] == [0, untouched, 6]

    with pytest.raises(ServiceValidationError) as err:
        await fleet.call(
            "set_file_priority", hash=sample.info_hash, indexes=[3], priority="high"
        )
    assert err.value.translation_key == "unknown_file_index"


async def test_the_queue_moves_and_says_when_queueing_is_off(
    real: tuple[RealFleet, RealQBittorrent],
) -> None:
    """Two downloads swap places; with queueing off the real 409 is told as such."""
    fleet, server = real
    first, second = "1" * 40, "2" * 40
    await fleet.call(
        "add_torrent",
        urls=[f"magnet:?xt=urn:btih:{first}", f"magnet:?xt=urn:btih:{second}"],
    )
    await until(lambda: _where(server, second))
    before = (await server_torrent(server, second) or {})["priority"]

    await fleet.call("set_torrent_priority", hashes=[second], priority="top")

    await until(lambda: _where(server, second, priority=1))
    assert before == 2
    await server_post(server, "app/setPreferences", json='{"queueing_enabled": false}')
    with pytest.raises(HomeAssistantError) as err:
        await fleet.call("set_torrent_priority", all=True, priority="bottom")
    assert str(err.value) == (
        "Torrent queueing is off on Real, so torrents cannot move in the queue."
        " Turn queueing on in its settings first"
    )


async def test_an_unknown_torrent_is_told_as_such(
    real: tuple[RealFleet, RealQBittorrent],
) -> None:
    """The real 404 of a hash-taking endpoint reads "no torrent with this hash"."""
    fleet, _ = real

    with pytest.raises(HomeAssistantError) as err:
        await fleet.call("rename_torrent", hash="f" * 40, name="x")

    assert str(err.value) == "Real has no torrent with this hash"


async def test_a_category_is_read_from_the_real_server_when_the_action_runs(
    real: tuple[RealFleet, RealQBittorrent],
) -> None:
    """A torrent moved out of a category outside Home Assistant is not deleted with it."""
    fleet, server = real
    sample = await _album(fleet, server)
    await fleet.refresh()
    await server_post(
        server, "torrents/setCategory", hashes=sample.info_hash, category=""
    )
    await until(lambda: _where(server, sample.info_hash, category=""))

    with pytest.raises(ServiceValidationError) as err:
        await fleet.call("delete_torrents", category="music", delete_files=True)

    assert err.value.translation_key == "no_matching_torrents"
    assert await server_torrent(server, sample.info_hash) is not None
    assert (server.downloads_dir / "Album" / "part-2.bin").exists()


async def test_torrents_just_added_are_found_by_the_next_action(
    real: tuple[RealFleet, RealQBittorrent],
) -> None:
    """add_torrent, then at once an action on the ids it answered: every new torrent gets it.

    The server would silently pass over a torrent it does not list yet.
    """
    fleet, server = real
    samples = [make_torrent(server.downloads_dir, f"fresh-{n}.bin") for n in range(3)]

    added = await fleet.call(
        "add_torrent",
        torrent_files=[str(sample.torrent_path) for sample in samples],
        save_path=str(server.downloads_dir),
    )
    await fleet.call("set_torrent_limits", hashes=added["added"], upload_limit=64)

    assert sorted(added["added"]) == sorted(sample.info_hash for sample in samples)
    for sample in samples:
        await until(partial(_where, server, sample.info_hash, up_limit=64 * 1024))


async def test_categories_and_tags_are_managed_on_a_real_server(
    real: tuple[RealFleet, RealQBittorrent],
) -> None:
    """Create, edit and remove a category; create and delete tags; refusals change nothing."""
    fleet, server = real

    await fleet.call("create_category", category="tv/shows", save_path="/srv/tv")
    await fleet.call("edit_category", category="tv/shows", save_path="/srv/series")
    categories = await server_json(server, "torrents/categories")
    assert categories["tv/shows"]["savePath"] == "/srv/series"
    with pytest.raises(ServiceValidationError):
        await fleet.call("create_category", category="tv/shows")
    await fleet.call("remove_categories", categories=["tv/shows"])
    assert "tv/shows" not in await server_json(server, "torrents/categories")

    await fleet.call("create_tags", tags=["keep", "archive"])
    assert set(await server_json(server, "torrents/tags")) == {"keep", "archive"}
    with pytest.raises(ServiceValidationError):
        await fleet.call("delete_tags", tags=["keep", "nope"])
    await fleet.call("delete_tags", tags=["keep"])
    assert await server_json(server, "torrents/tags") == ["archive"]


async def _present(path: Path) -> bool | None:
    return True if path.exists() else None


def _as_shown(server: RealQBittorrent, path: str) -> str:
    """A torrent's folder as the server reports it: 4.2 adds a trailing slash."""
    return path.rstrip("/") + ("/" if server.version == "4.2" else "")
