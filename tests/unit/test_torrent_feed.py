"""What the card is sent of a torrent a poll changed: every listed field that moved."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import msgspec
import pytest

from custom_components.qbittorrent_multi.model import TORRENT_FIELDS, Torrent
from custom_components.qbittorrent_multi.sync import MainData
from custom_components.qbittorrent_multi.torrent_feed import (
    delta_event,
    torrent_change,
)
from custom_components.qbittorrent_multi.torrent_listing import describe

# Every field the integration keeps but the hash: its value before, and a new one.
VALUES: dict[str, tuple[Any, Any]] = {
    "name": ("Debian", "Debian 13"),
    "state": ("downloading", "stoppedDL"),
    "progress": (0.25, 0.5),
    "wanted_size": (1000, 1500),
    "total_size": (2000, 2500),
    "downloaded": (250, 500),
    "uploaded": (10, 20),
    "download_speed": (100, 0),
    "upload_speed": (5, 0),
    "eta": (60, None),
    "ratio": (0.04, 0.08),
    "category": ("linux", ""),
    "tags": (("iso",), ("iso", "netinst")),
    "save_path": ("/downloads", "/data"),
    "added_on": (1_700_000_000, 1_700_000_001),
    "completion_on": (None, 1_700_000_100),
}
BEFORE = Torrent(hash="a" * 40, **{field: old for field, (old, _) in VALUES.items()})
AFTER = {field: new for field, (_, new) in VALUES.items()}


def test_every_kept_field_has_a_new_value_here() -> None:
    """The table above covers the model: a new field needs a line."""
    assert set(AFTER) == set(TORRENT_FIELDS) - {"hash"}


@pytest.mark.parametrize("field", sorted(AFTER))
def test_a_change_of_one_field_sends_every_listed_field_it_moved(field: str) -> None:
    """What the card gets covers every get_torrents field that differs after the change."""
    after = msgspec.structs.replace(BEFORE, **{field: AFTER[field]})
    if field == "total_size":
        # The whole size shows only while nothing is selected for download.
        before = msgspec.structs.replace(BEFORE, wanted_size=-1)
        after = msgspec.structs.replace(after, wanted_size=-1)
    else:
        before = BEFORE

    change = torrent_change(after, frozenset({field}))

    old, new = describe(before), describe(after)
    moved = {key for key in new if new[key] != old[key]}
    assert moved
    assert {key: new[key] for key in moved} == {key: change[key] for key in moved}
    assert set(change) - {"hash", "filters"} == moved


def test_a_change_of_state_brings_the_counts_the_torrent_is_in() -> None:
    """The state's count filters come along with it."""
    after = msgspec.structs.replace(BEFORE, state="stoppedDL")

    change = torrent_change(after, frozenset({"state"}))

    assert change == {
        "hash": "a" * 40,
        "state": "stopped",
        "filters": ["downloading", "stopped"],
    }


def test_an_upload_speed_change_of_a_running_torrent_does_not_resend_its_counts() -> (
    None
):
    """Only a stalled download's counts depend on its upload speed."""
    after = msgspec.structs.replace(BEFORE, upload_speed=900)

    assert torrent_change(after, frozenset({"upload_speed"})) == {
        "hash": "a" * 40,
        "upload_speed": 900,
    }


def test_a_reply_that_changed_nothing_makes_no_delta() -> None:
    """An empty change set is no message."""
    maindata = MainData()
    maindata.apply({"rid": 1, "full_update": True, "torrents": {}})

    update = maindata.apply({"rid": 2})

    assert delta_event("entry", maindata, update.changes) is None


@pytest.mark.parametrize(
    "seconds",
    [1, 951_782_400, 1_735_689_599, 4_102_444_800, 253_402_300_799],
    ids=["1970", "leap day 2000", "end of 2024", "2100", "end of 9999"],
)
def test_times_are_iso_8601_in_utc(seconds: int) -> None:
    """Added and completion times read as datetime writes them, in UTC."""
    torrent = msgspec.structs.replace(BEFORE, added_on=seconds)

    assert describe(torrent)["added_on"] == (
        datetime.fromtimestamp(seconds, UTC).isoformat()
    )
