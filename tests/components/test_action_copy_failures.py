"""copy_torrents when a step after adding goes wrong, and a v2-only torrent without metadata."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import parse_qs

from homeassistant.core import HomeAssistant
import pytest

from tests.components.action_calls import V2_HASH
from tests.components.copy_pair import (
    copy_to_seedbox,
    move_to_seedbox,
    nas_and_seedbox,
    nas_with,
)
from tests.live_fixtures import StartFakeQBittorrent
from tests.torrent_files import SampleTorrent, make_folder_torrent

pytestmark = pytest.mark.usefixtures("socket_enabled")


def _album(tmp_path: Path) -> SampleTorrent:
    return make_folder_torrent(tmp_path, "Album", (20_000, 10_000))


async def test_a_source_that_refuses_to_remove_keeps_the_torrent_and_says_so(
    hass: HomeAssistant, fake_qbittorrent: StartFakeQBittorrent, tmp_path: Path
) -> None:
    """The target has it, the source still does: "copied", with the source's reason."""
    sample = _album(tmp_path)
    nas, seedbox = await nas_with(hass, fake_qbittorrent, sample)
    nas.fail_next("status_500", endpoint="torrents/delete")

    [copied] = await move_to_seedbox(hass, sample)

    assert copied["result"] == "copied"
    assert copied["reason"] == "action_failed"
    assert copied["error"].startswith("NAS could not carry out the request")
    assert sample.info_hash in nas.torrents
    assert sample.info_hash in seedbox.torrents


async def test_a_target_that_stops_answering_before_listing_fails_the_torrent(
    hass: HomeAssistant, fake_qbittorrent: StartFakeQBittorrent, tmp_path: Path
) -> None:
    """Added, but the target cannot be asked whether it lists it: nothing is removed."""
    sample = _album(tmp_path)
    nas, seedbox = await nas_with(hass, fake_qbittorrent, sample)
    # The first torrents/info asks what the target has; the second, after
    # adding, whether it lists the torrent.
    seedbox.fail_next("status_502", count=50, endpoint="torrents/info", after=1)

    [failed] = await move_to_seedbox(hass, sample)

    assert (failed["result"], failed["via"]) == ("failed", "torrent_file")
    assert failed["error"].startswith("Seedbox could not carry out the request")
    assert sample.info_hash in nas.torrents
    assert nas.requests_to("torrents/delete") == []


async def test_tags_a_target_refuses_afterwards_fail_the_torrent(
    hass: HomeAssistant, fake_qbittorrent: StartFakeQBittorrent, tmp_path: Path
) -> None:
    """qBittorrent 4.2 is tagged after adding; when that fails the copy is not whole."""
    sample = _album(tmp_path)
    nas, seedbox = await nas_with(
        hass, fake_qbittorrent, sample, ("5.3", "4.2"), ("flac",)
    )
    seedbox.fail_next("status_500", endpoint="torrents/addTags")

    [failed] = await move_to_seedbox(hass, sample)

    assert failed["result"] == "failed"
    assert failed["error"].startswith("Seedbox could not carry out the request")
    assert sample.info_hash in nas.torrents
    assert seedbox.torrents[sample.info_hash]["tags"] == ""


async def test_a_v2_only_torrent_without_metadata_goes_by_its_v2_hash(
    hass: HomeAssistant, fake_qbittorrent: StartFakeQBittorrent
) -> None:
    """Its magnet link names the whole SHA-256 hash (urn:btmh:1220...)."""
    nas, seedbox = await nas_and_seedbox(hass, fake_qbittorrent, "5.3", "5.1")
    short_id = V2_HASH[:40]
    nas.add_torrent(
        hash=short_id, infohash_v1="", infohash_v2=V2_HASH, name="Pending v2"
    )

    result = await copy_to_seedbox(hass, hashes=[short_id])

    assert result["torrents"] == [
        {"hash": short_id, "name": "Pending v2", "result": "copied", "via": "magnet"}
    ]
    [add] = seedbox.requests_to("torrents/add")
    assert parse_qs(add.params["urls"].removeprefix("magnet:?")) == {
        "xt": [f"urn:btmh:1220{V2_HASH}"],
        "dn": ["Pending v2"],
    }
    assert short_id in seedbox.torrents
