"""Actions on one torrent by its hash: rename_torrent, get_torrent_files, set_file_priority."""

from __future__ import annotations

from pathlib import Path

from homeassistant.core import HomeAssistant
from homeassistant.exceptions import HomeAssistantError
import probatio as vol
import pytest

from tests.components.action_calls import (
    HASH_A,
    V2_HASH,
    Server,
    actions_sent,
    call,
    refused,
)
from tests.components.server_entries import add_server
from tests.fake_qbittorrent import FakeQBittorrent
from tests.live_fixtures import StartFakeQBittorrent
from tests.torrent_files import make_folder_torrent

pytestmark = pytest.mark.usefixtures("socket_enabled")

UNKNOWN = "f" * 40


async def _folder_server(
    hass: HomeAssistant,
    fake_qbittorrent: StartFakeQBittorrent,
    tmp_path: Path,
    flavour: str = "5.3",
) -> tuple[FakeQBittorrent, str]:
    """A server with one torrent of three files, added from its .torrent file."""
    server = await fake_qbittorrent(flavour)
    sample = make_folder_torrent(tmp_path, "Album", (40_000, 30_000, 20_000))
    info_hash = server.add_torrent_file(sample.torrent)
    await add_server(hass, server)
    return server, info_hash


# -- rename_torrent -----------------------------------------------------------


async def test_rename_torrent_gives_one_torrent_a_new_name(
    hass: HomeAssistant, nas: Server
) -> None:
    """The name is sent without surrounding spaces, and get_torrents shows it."""
    server, _ = nas
    await call(
        hass, "rename_torrent", {"hash": HASH_A.upper(), "name": "  Debian 13  "}
    )
    result = await call(hass, "get_torrents", {"name": "Debian 13"}, response=True)

    assert actions_sent(server) == [
        ("torrents/rename", {"hash": HASH_A, "name": "Debian 13"})
    ]
    assert [torrent["hash"] for torrent in result["torrents"]] == [HASH_A]


@pytest.mark.parametrize("name", ["", "   "])
async def test_an_empty_name_is_refused(
    hass: HomeAssistant, nas: Server, name: str
) -> None:
    """qBittorrent would refuse it too; here nothing is sent."""
    server, _ = nas
    err = await refused(hass, "rename_torrent", {"hash": HASH_A, "name": name})

    assert err.value.translation_key == "invalid_torrent_name"
    assert str(err.value) == "Give the torrent a name that is not empty"
    assert actions_sent(server) == []


@pytest.mark.parametrize("flavour", ["4.2", "5.3"])
async def test_renaming_a_torrent_the_server_lacks_says_so(
    hass: HomeAssistant, fake_qbittorrent: StartFakeQBittorrent, flavour: str
) -> None:
    """The server's 404 is "no torrent with this hash", not a wrong API path."""
    server = await fake_qbittorrent(flavour)
    await add_server(hass, server)

    with pytest.raises(HomeAssistantError) as err:
        await call(hass, "rename_torrent", {"hash": UNKNOWN, "name": "x"})

    assert err.value.translation_key == "torrent_not_found"
    assert str(err.value) == "NAS has no torrent with this hash"


async def test_a_malformed_hash_is_refused_before_renaming(
    hass: HomeAssistant, nas: Server
) -> None:
    """The hash is checked like every other hash."""
    server, _ = nas
    err = await refused(hass, "rename_torrent", {"hash": "abc", "name": "x"})

    assert err.value.translation_key == "invalid_torrent_hash"
    assert str(err.value) == (
        '"abc" is not a torrent hash: a hash has 40 hexadecimal digits (v1) or 64 (v2)'
    )
    assert actions_sent(server) == []


# -- get_torrent_files ----------------------------------------------------------


@pytest.mark.parametrize("flavour", ["4.2", "4.5", "5.1", "5.3"])
async def test_get_torrent_files_lists_index_name_size_progress_and_priority(
    hass: HomeAssistant,
    fake_qbittorrent: StartFakeQBittorrent,
    tmp_path: Path,
    flavour: str,
) -> None:
    """Every version answers alike, 4.2 (whose files carry no index) included."""
    _, info_hash = await _folder_server(hass, fake_qbittorrent, tmp_path, flavour)

    result = await call(hass, "get_torrent_files", {"hash": info_hash}, response=True)

    assert result == {
        "server": "NAS",
        "hash": info_hash,
        "files": [
            {
                "index": index,
                "name": f"Album/part-{index}.bin",
                "size": size,
                "progress": 0.0,
                "priority": "normal",
            }
            for index, size in enumerate((40_000, 30_000, 20_000))
        ],
    }


async def test_a_torrent_without_metadata_has_no_files_yet(
    hass: HomeAssistant, nas: Server
) -> None:
    """A magnet link still resolving lists no files."""
    await call(hass, "add_torrent", {"urls": [f"magnet:?xt=urn:btih:{'1' * 40}"]})

    result = await call(hass, "get_torrent_files", {"hash": "1" * 40}, response=True)

    assert result["files"] == []


async def test_files_of_a_v2_torrent_are_asked_for_by_its_short_id(
    hass: HomeAssistant, nas: Server
) -> None:
    """A 64-digit hash names the torrent qBittorrent knows by its first 40."""
    server, _ = nas
    server.add_torrent(hash=V2_HASH[:40], name="v2", size=5)

    result = await call(hass, "get_torrent_files", {"hash": V2_HASH}, response=True)

    assert result["hash"] == V2_HASH[:40]
    assert [file["name"] for file in result["files"]] == ["v2"]


async def test_files_of_a_torrent_the_server_lacks_is_an_error(
    hass: HomeAssistant, nas: Server
) -> None:
    """The 404 becomes the translated "no torrent with this hash"."""
    with pytest.raises(HomeAssistantError) as err:
        await call(hass, "get_torrent_files", {"hash": UNKNOWN}, response=True)

    assert err.value.translation_key == "torrent_not_found"
    assert str(err.value) == "NAS has no torrent with this hash"


# -- set_file_priority ----------------------------------------------------------


@pytest.mark.parametrize(
    ("priority", "value"),
    [("do_not_download", "0"), ("normal", "1"), ("high", "6"), ("maximum", "7")],
)
async def test_set_file_priority_sets_files_by_index(
    hass: HomeAssistant,
    fake_qbittorrent: StartFakeQBittorrent,
    tmp_path: Path,
    priority: str,
    value: str,
) -> None:
    """The priority goes to the files named, and get_torrent_files shows it."""
    server, info_hash = await _folder_server(hass, fake_qbittorrent, tmp_path)

    await call(
        hass,
        "set_file_priority",
        {"hash": info_hash, "indexes": [2, "0", 2], "priority": priority},
    )
    result = await call(hass, "get_torrent_files", {"hash": info_hash}, response=True)

    assert actions_sent(server) == [
        ("torrents/filePrio", {"hash": info_hash, "id": "2|0", "priority": value})
    ]
    assert [file["priority"] for file in result["files"]] == [
        priority,
        "normal",
        priority,
    ]


async def test_a_file_index_the_torrent_lacks_is_refused(
    hass: HomeAssistant, fake_qbittorrent: StartFakeQBittorrent, tmp_path: Path
) -> None:
    """The indexes are checked against the torrent's files; nothing is changed."""
    server, info_hash = await _folder_server(hass, fake_qbittorrent, tmp_path)

    err = await refused(
        hass,
        "set_file_priority",
        {"hash": info_hash, "indexes": [1, 3, 7], "priority": "high"},
    )

    assert err.value.translation_key == "unknown_file_index"
    assert str(err.value) == (
        "NAS lists 3 files for this torrent, numbered from 0: there is no file 3, 7."
        " The get_torrent_files action lists them"
    )
    assert actions_sent(server) == []


async def test_file_priority_waits_for_the_metadata(
    hass: HomeAssistant, nas: Server
) -> None:
    """Without metadata there are no files to set: a translated error, nothing sent."""
    server, _ = nas
    await call(hass, "add_torrent", {"urls": [f"magnet:?xt=urn:btih:{'1' * 40}"]})
    sent_before = len(actions_sent(server))

    with pytest.raises(HomeAssistantError) as err:
        await call(
            hass,
            "set_file_priority",
            {"hash": "1" * 40, "indexes": [0], "priority": "high"},
        )

    assert err.value.translation_key == "metadata_missing"
    assert str(err.value) == (
        "NAS has no metadata for this torrent yet (a magnet link still being"
        " resolved), so its files are not known. Try again once it has"
    )
    assert len(actions_sent(server)) == sent_before


async def test_file_priority_needs_an_index(hass: HomeAssistant, nas: Server) -> None:
    """An empty list of indexes is a translated error; nothing is sent."""
    server, _ = nas
    err = await refused(
        hass,
        "set_file_priority",
        {"hash": HASH_A, "indexes": [], "priority": "high"},
    )

    assert err.value.translation_key == "no_file_indexes"
    assert str(err.value) == (
        "Give at least one file index, as get_torrent_files lists them"
    )
    assert actions_sent(server) == []


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"indexes": [-1], "priority": "high"}, "at least 0"),
        ({"indexes": ["first"], "priority": "high"}, "expected int"),
        ({"indexes": [0], "priority": "urgent"}, "must be one of"),
    ],
)
async def test_file_indexes_and_priorities_are_checked(
    hass: HomeAssistant,
    nas: Server,
    data: dict[str, object],
    message: str,
) -> None:
    """A negative or unreadable index, or an unknown priority, is refused."""
    server, _ = nas
    with pytest.raises(vol.Invalid, match=message):
        await call(hass, "set_file_priority", {"hash": HASH_A, **data})

    assert actions_sent(server) == []


async def test_a_broken_file_list_is_the_servers_failure(
    hass: HomeAssistant, nas: Server
) -> None:
    """A reply cut short (a proxy, a crash) is the server's fault, said as such."""
    server, _ = nas
    server.fail_next("truncated_json", endpoint="torrents/files")

    with pytest.raises(HomeAssistantError) as err:
        await call(hass, "get_torrent_files", {"hash": HASH_A}, response=True)

    assert err.value.translation_key == "action_failed"
    assert str(err.value) == (
        f"NAS could not carry out the request: {server.url} sent a reply that is"
        " not valid JSON"
    )
