"""copy_torrents between servers: by .torrent file or magnet link, copy or move, and its failures."""

from __future__ import annotations

from pathlib import Path
from unittest.mock import patch
from urllib.parse import parse_qs

from homeassistant.core import HomeAssistant
import pytest

from custom_components.qbittorrent_multi import torrent_arrival
from custom_components.qbittorrent_multi.const import DOMAIN
from tests.components.action_calls import HASH_C, actions_sent, call, refused
from tests.components.copy_pair import (
    copy_to_seedbox,
    move_to_seedbox,
    nas_and_seedbox,
    nas_with,
    reported,
)
from tests.components.server_entries import poll
from tests.live_fixtures import StartFakeQBittorrent
from tests.torrent_files import SampleTorrent, make_folder_torrent, make_torrent

pytestmark = pytest.mark.usefixtures("socket_enabled")

TRACKERS = ("udp://tracker.example.org:1337/announce", "https://t2.example.org/a")


def _sample(tmp_path: Path, name: str) -> SampleTorrent:
    return make_folder_torrent(tmp_path, name, (20_000, 10_000), trackers=TRACKERS)


async def _poll_all(hass: HomeAssistant) -> None:
    """Let every server's state catch up with torrents put in through the test API."""
    for entry in hass.config_entries.async_entries(DOMAIN):
        if entry.data.get("kind") == "server":
            await poll(hass, entry)


# -- by .torrent file -----------------------------------------------------------


async def test_a_torrent_is_copied_with_its_file_category_and_tags(
    hass: HomeAssistant, fake_qbittorrent: StartFakeQBittorrent, tmp_path: Path
) -> None:
    """The exported .torrent goes to the target; the source keeps its torrent."""
    nas, seedbox = await nas_and_seedbox(hass, fake_qbittorrent)
    sample = _sample(tmp_path, "Album")
    nas.add_torrent_file(sample.torrent, category="music", tags=("flac", "keep"))

    result = await copy_to_seedbox(
        hass, hashes=[sample.info_hash], save_path="/data/music"
    )

    assert result == {
        "source": "NAS",
        "target": "Seedbox",
        "move": False,
        "torrents": [reported(sample, "copied", "torrent_file")],
    }
    [add] = seedbox.requests_to("torrents/add")
    assert add.files == 1
    assert add.params["category"] == "music"
    assert add.params["tags"] == "flac,keep"
    assert add.params["savepath"] == "/data/music"
    copied = seedbox.torrents[sample.info_hash]
    assert (copied["category"], copied["tags"]) == ("music", "flac, keep")
    assert sample.info_hash in nas.torrents


async def test_move_removes_the_torrent_from_the_source_but_never_its_data(
    hass: HomeAssistant, fake_qbittorrent: StartFakeQBittorrent, tmp_path: Path
) -> None:
    """Only once the target lists it, and with deleteFiles=false."""
    sample = _sample(tmp_path, "Album")
    nas, seedbox = await nas_with(hass, fake_qbittorrent, sample)

    assert await move_to_seedbox(hass, sample) == [
        reported(sample, "moved", "torrent_file")
    ]
    assert (
        "torrents/delete",
        {"hashes": sample.info_hash, "deleteFiles": "false"},
    ) in (actions_sent(nas))
    assert sample.info_hash not in nas.torrents
    assert sample.info_hash in seedbox.torrents
    endpoints = [request.endpoint for request in seedbox.requests]
    added_at = endpoints.index("torrents/add")
    assert "torrents/info" in endpoints[added_at:]


async def test_a_category_selection_copies_every_torrent_in_it(
    hass: HomeAssistant, fake_qbittorrent: StartFakeQBittorrent, tmp_path: Path
) -> None:
    """The selection model is the one every torrent action uses."""
    nas, seedbox = await nas_and_seedbox(hass, fake_qbittorrent, "4.5", "5.3")
    first, second, other = (_sample(tmp_path, name) for name in ("A", "B", "C"))
    nas.add_torrent_file(first.torrent, category="music")
    nas.add_torrent_file(second.torrent, category="music")
    nas.add_torrent_file(other.torrent, category="films")
    await _poll_all(hass)

    result = await copy_to_seedbox(hass, category="music")

    assert {each["hash"] for each in result["torrents"]} == {
        first.info_hash,
        second.info_hash,
    }
    assert set(seedbox.torrents) == {first.info_hash, second.info_hash}


async def test_a_move_by_category_leaves_a_torrent_that_left_it_since_the_last_poll(
    hass: HomeAssistant, fake_qbittorrent: StartFakeQBittorrent, tmp_path: Path
) -> None:
    """The category is read as the source has it when the action runs."""
    nas, seedbox = await nas_and_seedbox(hass, fake_qbittorrent, "4.5", "5.3")
    staying, leaving = (_sample(tmp_path, name) for name in ("A", "B"))
    nas.add_torrent_file(staying.torrent, category="music")
    nas.add_torrent_file(leaving.torrent, category="music")
    await _poll_all(hass)
    nas.update_torrent(leaving.info_hash, category="films")

    result = await copy_to_seedbox(hass, category="music", move=True)

    assert [each["hash"] for each in result["torrents"]] == [staying.info_hash]
    assert set(seedbox.torrents) == {staying.info_hash}
    assert set(nas.torrents) == {leaving.info_hash}


async def test_a_target_that_cannot_tag_while_adding_is_tagged_afterwards(
    hass: HomeAssistant, fake_qbittorrent: StartFakeQBittorrent, tmp_path: Path
) -> None:
    """qBittorrent 4.2 ignores tags when adding: they are set once it lists the torrent."""
    sample = _sample(tmp_path, "Album")
    _, seedbox = await nas_with(
        hass, fake_qbittorrent, sample, ("5.3", "4.2"), ("flac",)
    )

    result = await copy_to_seedbox(hass, hashes=[sample.info_hash])

    assert result["torrents"][0]["result"] == "copied"
    assert "tags" not in seedbox.requests_to("torrents/add")[0].params
    assert ("torrents/addTags", {"hashes": sample.info_hash, "tags": "flac"}) in (
        actions_sent(seedbox)
    )
    assert seedbox.torrents[sample.info_hash]["tags"] == "flac"


async def test_a_torrent_the_target_has_already_is_not_added_again(
    hass: HomeAssistant, fake_qbittorrent: StartFakeQBittorrent, tmp_path: Path
) -> None:
    """Moving it still removes it from the source: the target lists it."""
    sample = _sample(tmp_path, "Album")
    nas, seedbox = await nas_with(hass, fake_qbittorrent, sample)
    seedbox.add_torrent_file(sample.torrent)

    assert await move_to_seedbox(hass, sample) == [
        reported(sample, "moved", "already_on_target")
    ]
    assert seedbox.requests_to("torrents/add") == []
    assert sample.info_hash not in nas.torrents


# -- by magnet link -------------------------------------------------------------


async def test_a_source_that_cannot_export_sends_a_magnet_with_its_trackers(
    hass: HomeAssistant, fake_qbittorrent: StartFakeQBittorrent, tmp_path: Path
) -> None:
    """qBittorrent 4.2 has no export: the target gets the hash, name and trackers."""
    nas, seedbox = await nas_and_seedbox(hass, fake_qbittorrent, "4.2", "5.1")
    sample = _sample(tmp_path, "Old album")
    nas.add_torrent_file(sample.torrent, category="music")

    result = await copy_to_seedbox(hass, hashes=[sample.info_hash])

    assert result["torrents"][0]["via"] == "magnet"
    assert result["torrents"][0]["result"] == "copied"
    [add] = seedbox.requests_to("torrents/add")
    link = add.params["urls"]
    query = parse_qs(link.removeprefix("magnet:?"))
    assert query == {
        "xt": [f"urn:btih:{sample.info_hash}"],
        "dn": ["Old album"],
        "tr": list(TRACKERS),
    }
    assert add.params["category"] == "music"
    assert nas.requests_to("torrents/export") == []


async def test_a_torrent_without_metadata_goes_as_a_magnet(
    hass: HomeAssistant, fake_qbittorrent: StartFakeQBittorrent
) -> None:
    """The source refuses to export it (409); its magnet link goes instead."""
    nas, seedbox = await nas_and_seedbox(hass, fake_qbittorrent, "5.3", "4.5")
    magnet = f"magnet:?xt=urn:btih:{HASH_C}&dn=Pending&tr={TRACKERS[0]}"
    await call(hass, "add_torrent", {"server": "NAS", "urls": [magnet]})

    result = await copy_to_seedbox(hass, hashes=[HASH_C])

    assert [request.status for request in nas.requests_to("torrents/export")] == [409]
    assert result["torrents"] == [
        {"hash": HASH_C, "name": "Pending", "result": "copied", "via": "magnet"}
    ]
    sent = parse_qs(seedbox.requests_to("torrents/add")[0].params["urls"][8:])
    assert sent["tr"] == [TRACKERS[0]]


# -- refusals and failures ------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "key", "text"),
    [
        (
            {"all": True, "save_path": "/data/../etc"},
            "invalid_save_path",
            (
                'The save path "/data/../etc" is not allowed: it must not contain ".."'
                " or a NUL character"
            ),
        ),
        (
            {},
            "no_torrent_selection",
            (
                "Choose the torrents: give hashes, a category, a tag, or turn on"
                ' "All torrents"'
            ),
        ),
        (
            {"target": "Attic", "all": True},
            "unknown_server",
            (
                'There is no qBittorrent server called "Attic". Use a server\'s name,'
                " its config entry or its device"
            ),
        ),
    ],
)
async def test_copy_input_is_checked_before_anything_is_sent(
    hass: HomeAssistant,
    fake_qbittorrent: StartFakeQBittorrent,
    data: dict[str, object],
    key: str,
    text: str,
) -> None:
    """A bad save path, no selection or an unknown target: neither server is asked."""
    nas, seedbox = await nas_and_seedbox(hass, fake_qbittorrent)
    nas.add_torrent(name="x")

    err = await refused(
        hass, "copy_torrents", {"server": "NAS", "target": "Seedbox", **data}
    )

    assert err.value.translation_key == key
    assert str(err.value) == text
    assert actions_sent(nas) == actions_sent(seedbox) == []


async def test_a_target_that_goes_down_midway_keeps_everything_on_the_source(
    hass: HomeAssistant, fake_qbittorrent: StartFakeQBittorrent, tmp_path: Path
) -> None:
    """The first add got through, then the target stopped answering: nothing is removed."""
    nas, seedbox = await nas_and_seedbox(hass, fake_qbittorrent)
    first, second = _sample(tmp_path, "First"), _sample(tmp_path, "Second")
    nas.add_torrent_file(first.torrent)
    nas.add_torrent_file(second.torrent)
    await _poll_all(hass)
    # torrents/info (what the target has), the first add, then only 502s.
    seedbox.fail_next("status_502", count=50, after=2)

    result = await copy_to_seedbox(hass, all=True, move=True)

    torrents = result["torrents"]
    assert [each["result"] for each in torrents] == ["failed", "failed"]
    assert all(each["reason"] == "action_failed" for each in torrents)
    assert all(
        each["error"].startswith("Seedbox could not carry out the request")
        for each in torrents
    )
    assert set(nas.torrents) == {first.info_hash, second.info_hash}
    assert nas.requests_to("torrents/delete") == []


async def test_an_export_that_fails_fails_that_torrent_only(
    hass: HomeAssistant, fake_qbittorrent: StartFakeQBittorrent, tmp_path: Path
) -> None:
    """A server error on one export: that torrent failed, naming the source; the next goes."""
    nas, seedbox = await nas_and_seedbox(hass, fake_qbittorrent)
    samples = [_sample(tmp_path, "First"), _sample(tmp_path, "Second")]
    for sample in samples:
        nas.add_torrent_file(sample.torrent)
    nas.fail_next("status_500", endpoint="torrents/export")

    result = await copy_to_seedbox(
        hass, hashes=[sample.info_hash for sample in samples]
    )

    first, second = result["torrents"]
    assert first["result"] == "failed"
    assert first["error"].startswith("NAS could not carry out the request")
    assert "via" not in first
    assert second["result"] == "copied"
    assert set(seedbox.torrents) == {samples[1].info_hash}


async def test_a_target_that_never_lists_the_torrent_keeps_it_on_the_source(
    hass: HomeAssistant, fake_qbittorrent: StartFakeQBittorrent, tmp_path: Path
) -> None:
    """After the wait, the torrent is reported and not removed from the source."""
    nas, _ = await nas_and_seedbox(hass, fake_qbittorrent)
    # The source hands out a .torrent of another torrent, so the target adds
    # that one and never lists the torrent that was asked for.
    other = make_torrent(tmp_path, "other.bin")
    nas.add_torrent(hash=HASH_C, name="Elusive", size=10)
    record = nas.torrents[HASH_C]
    nas.model.content.of(HASH_C, record).metainfo = other.torrent

    with patch.object(torrent_arrival, "LIST_TIMEOUT", 0.0):
        result = await copy_to_seedbox(hass, hashes=[HASH_C], move=True)

    assert result["torrents"] == [
        {
            "hash": HASH_C,
            "name": "Elusive",
            "result": "failed",
            "via": "torrent_file",
            "reason": "not_listed_on_target",
            "error": (
                "Seedbox did not list the torrent within 0 seconds of adding it,"
                " so nothing was removed from the source"
            ),
        }
    ]
    assert HASH_C in nas.torrents


async def test_a_hash_the_source_lacks_is_reported_and_the_others_go(
    hass: HomeAssistant, fake_qbittorrent: StartFakeQBittorrent, tmp_path: Path
) -> None:
    """Hashes are taken as given; one the source does not have fails alone."""
    nas, seedbox = await nas_and_seedbox(hass, fake_qbittorrent)
    sample = _sample(tmp_path, "Album")
    nas.add_torrent_file(sample.torrent)

    result = await copy_to_seedbox(hass, hashes=["f" * 40, sample.info_hash])

    missing, copied = result["torrents"]
    assert missing == {
        "hash": "f" * 40,
        "name": "",
        "result": "failed",
        "reason": "torrent_not_found",
        "error": "NAS has no torrent with this hash",
    }
    assert copied["result"] == "copied"
    assert sample.info_hash in seedbox.torrents
