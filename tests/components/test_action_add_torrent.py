"""The add_torrent action: links, .torrent files and their checks."""

from __future__ import annotations

from pathlib import Path
from typing import Any
from unittest.mock import patch

from homeassistant.core import HomeAssistant
import pytest

from tests.components.action_calls import HASH_A, Server, actions_sent, call
from tests.components.action_refusals import refusal
from tests.components.server_entries import add_server
from tests.live_fixtures import StartFakeQBittorrent
from tests.real_qbittorrent import Version
from tests.torrent_files import bencode, make_torrent

pytestmark = pytest.mark.usefixtures("socket_enabled")

MAGNET = f"magnet:?xt=urn:btih:{HASH_A}"


# -- add_torrent --------------------------------------------------------------


@pytest.fixture
def torrent_dir(hass: HomeAssistant, tmp_path: Path) -> Path:
    """A folder Home Assistant is allowed to read .torrent files from."""
    allowed = tmp_path / "allowed"
    allowed.mkdir()
    hass.config.allowlist_external_dirs = {str(allowed)}
    return allowed


@pytest.mark.parametrize("flavour", ["4.5", "5.3"])
async def test_add_a_magnet_link_with_options(
    hass: HomeAssistant, fake_qbittorrent: StartFakeQBittorrent, flavour: Version
) -> None:
    """The options reach the server, and the response names what was added."""
    # qBittorrent before 5.0 calls a stopped torrent paused.
    stopped_field = "paused" if flavour == "4.5" else "stopped"
    server = await fake_qbittorrent(flavour)
    await add_server(hass, server)
    magnet = f"{MAGNET}&dn=Debian"

    result = await call(
        hass,
        "add_torrent",
        {
            "urls": [magnet],
            "save_path": "/downloads/linux",
            "category": "linux",
            "tags": ["iso", "new"],
            "stopped": True,
            "sequential_download": True,
            "first_last_piece_prio": True,
            "skip_checking": False,
            "download_limit": 100,
            "upload_limit": 50,
        },
        response=True,
    )

    assert result == {"server": "NAS", "added": [HASH_A]}
    [(endpoint, params)] = actions_sent(server)
    assert endpoint == "torrents/add"
    assert params["urls"] == magnet
    assert params["savepath"] == "/downloads/linux"
    assert params["category"] == "linux"
    assert params["tags"] == "iso,new"
    assert params[stopped_field] == "true"
    assert params["sequentialDownload"] == "true"
    assert params["firstLastPiecePrio"] == "true"
    assert params["skip_checking"] == "false"
    assert params["dlLimit"] == str(100 * 1024)
    assert params["upLimit"] == str(50 * 1024)
    assert server.torrents[HASH_A]["category"] == "linux"


async def _add_file(hass: HomeAssistant, path: Path | str) -> Any:
    """add_torrent with one .torrent file; its response."""
    return await call(
        hass, "add_torrent", {"torrent_files": [str(path)]}, response=True
    )


async def test_add_a_torrent_file_from_an_allowed_folder(
    hass: HomeAssistant, nas: Server, torrent_dir: Path
) -> None:
    """A .torrent file is read by Home Assistant and uploaded to the server."""
    server, _ = nas
    sample = make_torrent(torrent_dir, "sample.bin")

    result = await _add_file(hass, sample.torrent_path)

    assert result == {"server": "NAS", "added": [sample.info_hash]}
    assert server.requests_to("torrents/add")[0].files == 1
    assert server.torrents[sample.info_hash]["name"] == "sample.bin"


async def test_a_relative_torrent_file_path_is_in_the_config_folder(
    hass: HomeAssistant, nas: Server, torrent_dir: Path
) -> None:
    """A path without a leading / is taken from Home Assistant's config folder."""
    sample = make_torrent(torrent_dir, "relative.bin")
    hass.config.config_dir = str(torrent_dir.parent)

    result = await _add_file(hass, f"allowed/{sample.torrent_path.name}")

    assert result["added"] == [sample.info_hash]


async def test_add_torrent_without_response_just_adds(
    hass: HomeAssistant, nas: Server
) -> None:
    """The response is optional; the torrent is added either way."""
    server, _ = nas
    await call(hass, "add_torrent", {"urls": "https://example.com/debian.torrent"})

    assert [endpoint for endpoint, _ in actions_sent(server)] == ["torrents/add"]


async def _add_files(hass: HomeAssistant, *paths: Path) -> tuple[str | None, str]:
    """add_torrent with these .torrent files, which it must refuse; how it refused."""
    return await refusal(
        hass, "add_torrent", {"torrent_files": [str(path) for path in paths]}
    )


async def test_a_torrent_file_outside_the_allowlist_is_refused(
    hass: HomeAssistant,
    nas: Server,
    torrent_dir: Path,
) -> None:
    """Only folders in allowlist_external_dirs may be read, links included."""
    server, _ = nas
    outside = make_torrent(torrent_dir.parent / "private", "secret.bin")
    link = torrent_dir / "link.torrent"
    link.symlink_to(outside.torrent_path)

    for path in (outside.torrent_path, link, torrent_dir / ".." / "private"):
        assert await _add_files(hass, path) == (
            "torrent_file_not_allowed",
            (
                f"{path} is not in a folder Home Assistant may read from. Add its"
                " folder to allowlist_external_dirs in the configuration"
            ),
        )

    assert actions_sent(server) == []


async def test_a_missing_torrent_file_is_refused(
    hass: HomeAssistant, nas: Server, torrent_dir: Path
) -> None:
    """A path with no file behind it is an error, and the links are not sent either."""
    server, _ = nas
    gone = torrent_dir / "gone.torrent"

    refused = await refusal(
        hass, "add_torrent", {"urls": [MAGNET], "torrent_files": [str(gone)]}
    )

    assert refused == ("torrent_file_not_found", f"There is no file at {gone}")
    assert actions_sent(server) == []


async def test_an_unreadable_torrent_file_is_refused(
    hass: HomeAssistant, nas: Server, torrent_dir: Path
) -> None:
    """A file the operating system will not let Home Assistant read is an error."""
    sample = make_torrent(torrent_dir, "locked.bin")

    with patch.object(Path, "open", side_effect=PermissionError("denied")):
        refused = await _add_files(hass, sample.torrent_path)

    assert refused == (
        "torrent_file_unreadable",
        f"{sample.torrent_path} could not be read",
    )


async def test_a_torrent_file_over_10_mb_is_refused(
    hass: HomeAssistant, nas: Server, torrent_dir: Path
) -> None:
    """Real .torrent files are small; a huge file is not read into memory whole."""
    huge = torrent_dir / "huge.torrent"
    with huge.open("wb") as file:
        file.truncate(10 * 1024 * 1024 + 1)

    assert await _add_files(hass, huge) == (
        "torrent_file_too_large",
        f"{huge} is larger than 10 MB, which is too large for a .torrent file",
    )


@pytest.mark.parametrize(
    "content",
    [
        b"",
        b"hello",
        b"<html></html>",
        bencode([b"info"]),
        bencode({"announce": "http://tracker"}),
        bencode({"info": "not a dictionary"}),
        b"d4:infod4:name3:abc",  # cut short
        b"d4:infod4:name99:abcee",  # a string longer than the file
        b"d4:infoi12x3ee",  # not an integer
        b"d4:infoee",  # an end with nothing open
        b"d4:infox",  # not bencode at all
        b"di1e4:infoe",  # a key that is not a string
        b"d4:info",  # no value
    ],
)
async def test_a_file_that_is_not_a_torrent_is_refused(
    hass: HomeAssistant,
    nas: Server,
    torrent_dir: Path,
    content: bytes,
) -> None:
    """Only a bencoded dictionary with an info dictionary is a .torrent file."""
    server, _ = nas
    path = torrent_dir / "fake.torrent"
    path.write_bytes(content)

    refused = await _add_files(hass, path)

    assert refused == ("not_a_torrent_file", f"{path} is not a .torrent file")
    assert actions_sent(server) == []


async def test_a_minimal_torrent_with_nested_values_is_accepted(
    hass: HomeAssistant, fake_qbittorrent: StartFakeQBittorrent, torrent_dir: Path
) -> None:
    """Lists, integers and nested dictionaries before and after info are fine."""
    server = await fake_qbittorrent("4.5")
    await add_server(hass, server)
    sample = make_torrent(torrent_dir, "nested.bin")
    path = torrent_dir / "nested.torrent"
    content = sample.torrent.replace(
        b"d10:created by",
        b"d8:announce"
        + bencode([[b"udp://a"], [b"udp://b"]])
        + b"7:comment"
        + bencode({"n": -3})
        + b"10:created by",
        1,
    )
    path.write_bytes(content)

    result = await _add_file(hass, path)

    assert result == {"server": "NAS", "added": [sample.info_hash]}
    assert server.requests_to("torrents/add")[0].files == 1
