"""Actions on one torrent by its hash: rename_torrent, get_torrent_files, set_file_priority."""

from __future__ import annotations

from pathlib import Path

from homeassistant.core import HomeAssistant
import pytest

from tests.components.action_calls import HASH_A, V2_HASH, Server, actions_sent, call
from tests.components.action_refusals import failure, refusal
from tests.components.server_entries import add_server
from tests.fake_qbittorrent import FakeQBittorrent
from tests.live_fixtures import StartFakeQBittorrent
from tests.real_qbittorrent import Version
from tests.torrent_files import make_folder_torrent

pytestmark = pytest.mark.usefixtures("socket_enabled")

UNKNOWN = "f" * 40
NOT_ON_NAS = "NAS has no torrent with this hash"


async def _folder_server(
    hass: HomeAssistant,
    fake_qbittorrent: StartFakeQBittorrent,
    tmp_path: Path,
    flavour: Version = "5.3",
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


@pytest.mark.parametrize(
    ("flavour", "action", "data"),
    [
        ("4.2", "rename_torrent", {"hash": UNKNOWN, "name": "x"}),
        ("5.3", "rename_torrent", {"hash": UNKNOWN, "name": "x"}),
        ("5.3", "get_torrent_files", {"hash": UNKNOWN}),
    ],
    ids=["renaming on 4.2", "renaming on 5.3", "listing files"],
)
async def test_a_torrent_the_server_lacks_is_said_so(
    hass: HomeAssistant,
    fake_qbittorrent: StartFakeQBittorrent,
    flavour: Version,
    action: str,
    data: dict[str, str],
) -> None:
    """The server's 404 is "no torrent with this hash", not a wrong API path."""
    await add_server(hass, await fake_qbittorrent(flavour))

    error = await failure(hass, action, data, response=action == "get_torrent_files")

    assert (error.translation_key, str(error)) == ("torrent_not_found", NOT_ON_NAS)


# -- get_torrent_files ----------------------------------------------------------


@pytest.mark.parametrize("flavour", ["4.2", "4.5", "5.1", "5.3"])
async def test_get_torrent_files_lists_index_name_size_progress_and_priority(
    hass: HomeAssistant,
    fake_qbittorrent: StartFakeQBittorrent,
    tmp_path: Path,
    flavour: Version,
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


async def test_a_broken_file_list_is_the_servers_failure(
    hass: HomeAssistant, nas: Server
) -> None:
    """A reply cut short (a proxy, a crash) is the server's fault, said as such."""
    server, _ = nas
    server.fail_next("truncated_json", endpoint="torrents/files")

    error = await failure(hass, "get_torrent_files", {"hash": HASH_A}, response=True)

    assert error.translation_key == "action_failed"
    assert str(error) == (
        f"NAS could not carry out the request: {server.url} sent a reply that is"
        " not valid JSON"
    )


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

    refused = await refusal(
        hass,
        "set_file_priority",
        {"hash": info_hash, "indexes": [1, 3, 7], "priority": "high"},
    )

    assert refused == (
        "unknown_file_index",
        (
            "NAS lists 3 files for this torrent, numbered from 0: there is no file"
            " 3, 7. The get_torrent_files action lists them"
        ),
    )
    assert actions_sent(server) == []


async def test_file_priority_waits_for_the_metadata(
    hass: HomeAssistant, nas: Server
) -> None:
    """Without metadata there are no files to set: a translated error, nothing sent."""
    server, _ = nas
    await call(hass, "add_torrent", {"urls": [f"magnet:?xt=urn:btih:{'1' * 40}"]})
    sent_before = len(actions_sent(server))

    error = await failure(
        hass,
        "set_file_priority",
        {"hash": "1" * 40, "indexes": [0], "priority": "high"},
    )

    assert error.translation_key == "metadata_missing"
    assert str(error) == (
        "NAS has no metadata for this torrent yet (a magnet link still being"
        " resolved), so its files are not known. Try again once it has"
    )
    assert len(actions_sent(server)) == sent_before
