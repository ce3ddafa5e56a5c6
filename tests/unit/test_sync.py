"""Specification of the merged sync/maindata state of one qBittorrent server."""

from __future__ import annotations

from collections import Counter
import copy
from dataclasses import dataclass, field
from typing import Any

from hypothesis import given, settings, strategies as st
import pytest

from custom_components.qbittorrent_multi.sync import (
    COUNT_KEYS,
    KEPT_TORRENT_FIELDS,
    NORMALISED_STATES,
    MainData,
    MalformedReplyError,
    TorrentEvent,
    TorrentEventType,
    UnknownTorrentError,
    matches_filter,
    normalise_state,
    parse_tags,
)

ADDED = TorrentEventType.ADDED
COMPLETED = TorrentEventType.COMPLETED
REMOVED = TorrentEventType.REMOVED
ERRORED = TorrentEventType.ERRORED

UBUNTU = "a" * 40
DEBIAN = "b" * 40
FEDORA = "c" * 40

# Every state the WebAPI reports; 4.x says paused*, 5.x says stopped*.
STATES_4X = (
    "error",
    "missingFiles",
    "uploading",
    "pausedUP",
    "queuedUP",
    "stalledUP",
    "checkingUP",
    "forcedUP",
    "allocating",
    "downloading",
    "metaDL",
    "pausedDL",
    "queuedDL",
    "stalledDL",
    "checkingDL",
    "forcedDL",
    "checkingResumeData",
    "moving",
    "unknown",
)
STATES_5X = (
    *(s for s in STATES_4X if not s.startswith("paused")),
    "stoppedUP",
    "stoppedDL",
    "forcedMetaDL",
)
ALL_STATES = tuple(dict.fromkeys(STATES_4X + STATES_5X))


def torrent(**fields: Any) -> dict[str, Any]:
    """Return a torrent as a full update carries it, with any field overridden."""
    return {
        "name": "ubuntu-24.04.iso",
        "state": "downloading",
        "progress": 0.25,
        "size": 6_000_000_000,
        "total_size": 6_000_000_000,
        "dlspeed": 1_000_000,
        "upspeed": 0,
        "category": "linux",
        "tags": "iso, lts",
        "save_path": "/downloads/linux",
        "magnet_uri": "magnet:?xt=urn:btih:" + UBUNTU,
        "availability": 3.5,
        "num_complete": 120,
        "trackers_count": 2,
    } | fields


def full(rid: int = 1, **parts: Any) -> dict[str, Any]:
    return {"rid": rid, "full_update": True} | parts


def delta(rid: int, **parts: Any) -> dict[str, Any]:
    return {"rid": rid} | parts


def synced(**torrents: dict[str, Any]) -> MainData:
    """Return a MainData after a first full update holding these torrents."""
    data = MainData()
    data.apply(full(1, torrents=torrents))
    return data


def kinds(events: list[TorrentEvent]) -> list[tuple[str, str]]:
    return [(event.type, event.hash) for event in events]


def state_of(data: MainData) -> dict[str, Any]:
    """Return everything a user of MainData can read, as plain values."""
    return {
        "rid": data.rid,
        "torrents": {h: dict(t) for h, t in data.torrents.items()},
        "categories": {n: dict(c) for n, c in data.categories.items()},
        "tags": data.tags,
        "server_state": dict(data.server_state),
        "counts": dict(data.counts()),
    }


# --- Merging ----------------------------------------------------------------


def test_nothing_is_known_before_the_first_reply() -> None:
    data = MainData()

    assert data.rid == 0
    assert dict(data.torrents) == {}
    assert dict(data.categories) == {}
    assert data.tags == frozenset()
    assert dict(data.server_state) == {}
    assert dict(data.counts()) == dict.fromkeys(COUNT_KEYS, 0)


def test_first_full_update_becomes_the_state_without_events() -> None:
    data = MainData()

    events = data.apply(
        full(
            7,
            torrents={UBUNTU: torrent(progress=1.0, state="stalledUP")},
            categories={"linux": {"name": "linux", "savePath": "/dl/linux"}},
            tags=["iso"],
            server_state={"dl_info_speed": 10, "free_space_on_disk": 5},
        )
    )

    assert events == []
    assert data.rid == 7
    assert data.torrents[UBUNTU]["name"] == "ubuntu-24.04.iso"
    assert dict(data.categories) == {
        "linux": {"name": "linux", "savePath": "/dl/linux"}
    }
    assert data.tags == frozenset({"iso"})
    assert dict(data.server_state) == {"dl_info_speed": 10, "free_space_on_disk": 5}


def test_a_first_reply_without_full_update_is_taken_as_a_full_update() -> None:
    data = MainData()

    events = data.apply(delta(3, torrents={UBUNTU: torrent(progress=1.0)}))

    assert events == []
    assert list(data.torrents) == [UBUNTU]
    assert data.rid == 3


def test_a_delta_changes_only_the_fields_it_carries() -> None:
    data = synced(**{UBUNTU: torrent(dlspeed=5, upspeed=7)})

    data.apply(delta(2, torrents={UBUNTU: {"dlspeed": 9}}))

    assert data.torrents[UBUNTU]["dlspeed"] == 9
    assert data.torrents[UBUNTU]["upspeed"] == 7
    assert data.torrents[UBUNTU]["name"] == "ubuntu-24.04.iso"


def test_a_delta_leaves_torrents_it_does_not_mention_alone() -> None:
    data = synced(**{UBUNTU: torrent(), DEBIAN: torrent(name="debian.iso")})

    data.apply(delta(2, torrents={UBUNTU: {"name": "renamed"}}))

    assert data.torrents[DEBIAN]["name"] == "debian.iso"


def test_every_reply_advances_the_rid() -> None:
    data = synced(**{UBUNTU: torrent()})

    data.apply(delta(2))
    data.apply(delta(3, server_state={"dl_info_speed": 1}))

    assert data.rid == 3


def test_a_full_update_replaces_everything_known_before() -> None:
    data = synced(**{UBUNTU: torrent(), DEBIAN: torrent()})
    data.apply(delta(2, categories={"old": {"name": "old"}}, tags=["old"]))

    data.apply(
        full(
            3,
            torrents={FEDORA: torrent(name="fedora.iso")},
            categories={"new": {"name": "new"}},
            tags=["new"],
            server_state={"connection_status": "connected"},
        )
    )

    assert list(data.torrents) == [FEDORA]
    assert list(data.categories) == ["new"]
    assert data.tags == frozenset({"new"})
    assert dict(data.server_state) == {"connection_status": "connected"}


def test_a_full_update_with_an_older_rid_still_replaces_the_state() -> None:
    data = MainData()
    data.apply(full(500, torrents={UBUNTU: torrent()}))

    data.apply(full(1, torrents={DEBIAN: torrent()}))

    assert list(data.torrents) == [DEBIAN]
    assert data.rid == 1


def test_only_the_torrent_fields_the_integration_uses_are_kept() -> None:
    data = synced(**{UBUNTU: torrent()})
    data.apply(delta(2, torrents={DEBIAN: torrent(), UBUNTU: {"magnet_uri": "x"}}))

    for kept in data.torrents.values():
        assert set(kept) <= KEPT_TORRENT_FIELDS
        assert "magnet_uri" not in kept
        assert "availability" not in kept
        assert kept["save_path"] == "/downloads/linux"


def test_every_torrent_carries_its_hash() -> None:
    data = synced(**{UBUNTU: torrent()})
    data.apply(
        delta(
            2,
            torrents={
                DEBIAN: {"name": "debian.iso", "state": "queuedDL", "hash": "wrong"}
            },
        )
    )

    assert data.torrents[UBUNTU]["hash"] == UBUNTU
    assert data.torrents[DEBIAN]["hash"] == DEBIAN


def test_a_delta_for_a_torrent_never_listed_is_refused_and_changes_nothing() -> None:
    data = synced(**{DEBIAN: torrent()})
    before = (data.rid, dict(data.counts()), set(data.torrents))

    with pytest.raises(UnknownTorrentError, match="never listed"):
        data.apply(delta(2, torrents={UBUNTU: {"dlspeed": 0}, DEBIAN: {"dlspeed": 5}}))

    assert (data.rid, dict(data.counts()), set(data.torrents)) == before
    assert data.torrents[DEBIAN]["dlspeed"] != 5


def test_a_new_torrent_sent_whole_in_a_delta_is_added() -> None:
    data = synced()

    events = data.apply(delta(2, torrents={UBUNTU: torrent(name="Ubuntu")}))

    assert kinds(events) == [(ADDED, UBUNTU)]


def test_removed_torrents_disappear() -> None:
    data = synced(**{UBUNTU: torrent(), DEBIAN: torrent()})

    data.apply(delta(2, torrents_removed=[UBUNTU]))

    assert list(data.torrents) == [DEBIAN]
    assert UBUNTU not in data.torrents


def test_a_category_delta_changes_only_the_fields_it_carries() -> None:
    data = MainData()
    data.apply(full(1, categories={"tv": {"name": "tv", "savePath": "/tv"}}))

    data.apply(delta(2, categories={"tv": {"savePath": "/media/tv"}}))

    assert dict(data.categories["tv"]) == {"name": "tv", "savePath": "/media/tv"}


def test_categories_are_added_and_removed_by_deltas() -> None:
    data = MainData()
    data.apply(full(1, categories={"tv": {"name": "tv", "savePath": "/tv"}}))

    data.apply(
        delta(
            2,
            categories={"films": {"name": "films", "savePath": "/films"}},
            categories_removed=["tv", "never-existed"],
        )
    )

    assert list(data.categories) == ["films"]


def test_categories_given_as_a_list_of_names_are_understood() -> None:
    data = MainData()
    data.apply(full(1, categories=["tv"]))

    data.apply(delta(2, categories=["films"]))

    assert dict(data.categories) == {"tv": {"name": "tv"}, "films": {"name": "films"}}


def test_tags_are_added_and_removed_by_deltas() -> None:
    data = MainData()
    data.apply(full(1, tags=["a", "b"]))

    data.apply(delta(2, tags=["c"], tags_removed=["a", "never-existed"]))

    assert data.tags == frozenset({"b", "c"})


def test_a_delta_that_only_removes_tags_removes_them() -> None:
    data = MainData()
    data.apply(full(1, tags=["a", "b"]))

    data.apply(delta(2, tags_removed=["b"]))

    assert data.tags == frozenset({"a"})


def test_a_server_state_delta_changes_only_the_fields_it_carries() -> None:
    data = MainData()
    data.apply(full(1, server_state={"dl_info_speed": 1, "up_info_speed": 2}))

    data.apply(delta(2, server_state={"dl_info_speed": 3}))

    assert dict(data.server_state) == {"dl_info_speed": 3, "up_info_speed": 2}


def test_the_state_cannot_be_changed_through_what_it_hands_out() -> None:
    data = MainData()
    data.apply(
        full(
            1,
            torrents={UBUNTU: torrent()},
            categories={"tv": {"name": "tv"}},
            server_state={"dl_info_speed": 1},
        )
    )

    with pytest.raises(TypeError):
        data.torrents[UBUNTU]["name"] = "changed"  # type: ignore[index]
    with pytest.raises(TypeError):
        data.categories["tv"]["name"] = "changed"  # type: ignore[index]
    with pytest.raises(TypeError):
        data.server_state["dl_info_speed"] = 2  # type: ignore[index]
    counts = data.counts()
    counts["total"] = 99  # type: ignore[index]
    assert data.counts()["total"] == 1


def test_reset_forgets_everything_and_the_next_reply_is_taken_as_full() -> None:
    data = synced(**{UBUNTU: torrent()})
    data.apply(delta(2, tags=["a"], server_state={"dl_info_speed": 1}))

    data.reset()

    assert state_of(data) == state_of(MainData())
    assert data.apply(delta(9, torrents={DEBIAN: torrent(progress=1.0)})) == []
    assert list(data.torrents) == [DEBIAN]


# --- Malformed replies --------------------------------------------------------


MALFORMED_REPLIES = {
    "not an object": ["rid", 3],
    "no rid": {"torrents": {}},
    "rid not a number": {"rid": "3"},
    "rid a boolean": {"rid": True},
    "negative rid": {"rid": -1},
    "full_update not a boolean": {"rid": 3, "full_update": "yes"},
    "torrents a list": {"rid": 3, "torrents": [torrent()]},
    "a torrent not an object": {"rid": 3, "torrents": {DEBIAN: {}, FEDORA: "x"}},
    "a torrent hash not a string": {"rid": 3, "torrents": {1: {}}},
    "torrents_removed a string": {"rid": 3, "torrents_removed": UBUNTU},
    "torrents_removed holding a number": {"rid": 3, "torrents_removed": [1]},
    "categories a string": {"rid": 3, "categories": "tv"},
    "a category not an object": {"rid": 3, "categories": {"tv": None}},
    "categories_removed an object": {"rid": 3, "categories_removed": {"tv": 1}},
    "tags a string": {"rid": 3, "tags": "a,b"},
    "tags_removed holding null": {"rid": 3, "tags_removed": [None]},
    "server_state a list": {"rid": 3, "server_state": []},
}


@pytest.mark.parametrize(
    "reply", MALFORMED_REPLIES.values(), ids=MALFORMED_REPLIES.keys()
)
def test_a_malformed_reply_is_rejected_and_changes_nothing(reply: Any) -> None:
    data = synced(**{UBUNTU: torrent()})
    data.apply(
        delta(
            2,
            torrents={DEBIAN: torrent(state="stalledUP", progress=1.0)},
            categories={"tv": {"name": "tv"}},
            tags=["a"],
            server_state={"dl_info_speed": 1},
        )
    )
    before = copy.deepcopy(state_of(data))

    with pytest.raises(ValueError, match="maindata"):
        data.apply(reply)

    assert state_of(data) == before


def test_malformed_replies_raise_a_dedicated_value_error() -> None:
    with pytest.raises(MalformedReplyError):
        MainData().apply({"rid": "1"})


def test_a_malformed_first_reply_leaves_the_next_one_taken_as_full() -> None:
    data = MainData()
    with pytest.raises(ValueError, match="maindata"):
        data.apply({"rid": 1, "torrents": []})

    events = data.apply(delta(2, torrents={UBUNTU: torrent()}))

    assert events == []
    assert data.rid == 2


# --- Events -------------------------------------------------------------------


def test_a_full_update_never_brings_events() -> None:
    data = synced(**{UBUNTU: torrent(progress=0.5), DEBIAN: torrent()})

    events = data.apply(
        full(
            2,
            torrents={
                UBUNTU: torrent(progress=1.0, state="error"),
                FEDORA: torrent(progress=1.0),
            },
        )
    )

    assert events == []


def test_a_torrent_that_appears_in_a_delta_is_added() -> None:
    data = synced(**{UBUNTU: torrent()})

    events = data.apply(delta(2, torrents={DEBIAN: torrent(name="debian.iso")}))

    assert kinds(events) == [(ADDED, DEBIAN)]
    assert events[0].name == "debian.iso"


def test_an_added_torrent_that_is_already_complete_is_also_completed() -> None:
    data = synced()

    events = data.apply(
        delta(2, torrents={UBUNTU: torrent(progress=1.0, state="stalledUP")})
    )

    assert kinds(events) == [(ADDED, UBUNTU), (COMPLETED, UBUNTU)]


@pytest.mark.parametrize("state", ["error", "missingFiles"])
def test_an_added_torrent_that_is_already_in_error_is_also_errored(
    state: str,
) -> None:
    data = synced()

    events = data.apply(delta(2, torrents={UBUNTU: torrent(state=state)}))

    assert kinds(events) == [(ADDED, UBUNTU), (ERRORED, UBUNTU)]


def test_a_torrent_reaching_full_progress_is_completed() -> None:
    data = synced(**{UBUNTU: torrent(progress=0.99)})

    events = data.apply(
        delta(2, torrents={UBUNTU: {"progress": 1.0, "state": "uploading"}})
    )

    assert kinds(events) == [(COMPLETED, UBUNTU)]


def test_a_torrent_that_finishes_entirely_between_two_polls_is_completed() -> None:
    data = synced(**{UBUNTU: torrent(progress=0.0, state="metaDL")})

    events = data.apply(
        delta(2, torrents={UBUNTU: {"progress": 1, "state": "stalledUP"}})
    )

    assert kinds(events) == [(COMPLETED, UBUNTU)]


def test_a_completed_torrent_is_not_completed_again_by_later_changes() -> None:
    data = synced(**{UBUNTU: torrent(progress=0.5)})
    data.apply(delta(2, torrents={UBUNTU: {"progress": 1.0}}))

    later = [
        data.apply(delta(3, torrents={UBUNTU: {"upspeed": 10, "state": "uploading"}})),
        data.apply(delta(4, torrents={UBUNTU: {"progress": 1.0}})),
        data.apply(delta(5, torrents={UBUNTU: {"state": "stoppedUP"}})),
    ]

    assert later == [[], [], []]


def test_a_torrent_that_drops_below_complete_and_finishes_again_completes_again() -> (
    None
):
    data = synced(**{UBUNTU: torrent(progress=1.0, state="stalledUP")})

    rechecked = data.apply(
        delta(2, torrents={UBUNTU: {"progress": 0.8, "state": "checkingDL"}})
    )
    finished = data.apply(
        delta(3, torrents={UBUNTU: {"progress": 1.0, "state": "stalledUP"}})
    )

    assert rechecked == []
    assert kinds(finished) == [(COMPLETED, UBUNTU)]


def test_a_known_torrent_that_is_removed_is_removed_with_its_last_details() -> None:
    data = synced(**{UBUNTU: torrent()})
    data.apply(delta(2, torrents={UBUNTU: {"name": "renamed.iso", "category": ""}}))

    events = data.apply(delta(3, torrents_removed=[UBUNTU]))

    assert events == [
        TorrentEvent(
            type=REMOVED,
            hash=UBUNTU,
            name="renamed.iso",
            category="",
            tags=("iso", "lts"),
            size=6_000_000_000,
            save_path="/downloads/linux",
        )
    ]


def test_removing_a_torrent_that_was_never_known_brings_no_event() -> None:
    data = synced(**{UBUNTU: torrent()})

    events = data.apply(delta(2, torrents_removed=[DEBIAN]))

    assert events == []
    assert list(data.torrents) == [UBUNTU]


def test_a_torrent_added_and_removed_in_one_delta_is_added_then_removed() -> None:
    data = synced()

    events = data.apply(
        delta(2, torrents={UBUNTU: torrent()}, torrents_removed=[UBUNTU])
    )

    assert kinds(events) == [(ADDED, UBUNTU), (REMOVED, UBUNTU)]
    assert dict(data.torrents) == {}


@pytest.mark.parametrize("state", ["error", "missingFiles"])
@pytest.mark.parametrize(
    "before", ["downloading", "stalledUP", "pausedDL", "stoppedUP"]
)
def test_a_torrent_entering_an_error_state_is_errored(before: str, state: str) -> None:
    data = synced(**{UBUNTU: torrent(state=before)})

    events = data.apply(delta(2, torrents={UBUNTU: {"state": state}}))

    assert kinds(events) == [(ERRORED, UBUNTU)]


def test_a_torrent_moving_from_one_error_state_to_another_is_not_errored_again() -> (
    None
):
    data = synced(**{UBUNTU: torrent(state="error")})

    assert data.apply(delta(2, torrents={UBUNTU: {"state": "missingFiles"}})) == []
    assert data.apply(delta(3, torrents={UBUNTU: {"dlspeed": 0}})) == []


def test_a_torrent_that_recovers_and_fails_again_is_errored_again() -> None:
    data = synced(**{UBUNTU: torrent(state="error")})

    recovered = data.apply(delta(2, torrents={UBUNTU: {"state": "checkingDL"}}))
    failed = data.apply(delta(3, torrents={UBUNTU: {"state": "missingFiles"}}))

    assert recovered == []
    assert kinds(failed) == [(ERRORED, UBUNTU)]


def test_a_torrent_that_completes_and_fails_at_once_is_completed_and_errored() -> None:
    data = synced(**{UBUNTU: torrent(progress=0.5)})

    events = data.apply(
        delta(2, torrents={UBUNTU: {"progress": 1.0, "state": "missingFiles"}})
    )

    assert kinds(events) == [(COMPLETED, UBUNTU), (ERRORED, UBUNTU)]


def test_event_details_come_from_the_torrent_after_the_delta() -> None:
    data = synced(**{UBUNTU: torrent(progress=0.5)})

    events = data.apply(
        delta(
            2,
            torrents={
                UBUNTU: {
                    "progress": 1.0,
                    "name": "ubuntu-final.iso",
                    "category": "done",
                    "tags": "iso,  finished ,",
                    "save_path": "/done",
                }
            },
        )
    )

    assert events == [
        TorrentEvent(
            type=COMPLETED,
            hash=UBUNTU,
            name="ubuntu-final.iso",
            category="done",
            tags=("iso", "finished"),
            size=6_000_000_000,
            save_path="/done",
        )
    ]


@pytest.mark.parametrize(
    ("fields", "size"),
    [
        ({"size": 700, "total_size": 900}, 700),
        ({"total_size": 900}, 900),
        ({"size": -1, "total_size": 900}, 900),
        ({"size": -1, "total_size": -1}, 0),
        ({"size": None}, 0),
        ({"size": True}, 0),
        ({}, 0),
    ],
)
def test_event_size_is_size_else_total_size_else_zero(
    fields: dict[str, Any], size: int
) -> None:
    data = synced()

    new = {"name": "ubuntu.iso", "state": "queuedDL"} | fields
    (event,) = data.apply(delta(2, torrents={UBUNTU: new}))

    assert event.size == size


@pytest.mark.parametrize(
    ("raw", "tags"),
    [
        ("iso, lts", ("iso", "lts")),
        (" iso ,,lts , ", ("iso", "lts")),
        ("", ()),
        (None, ()),
        (["iso", " lts ", "", 3], ("iso", "lts")),
    ],
)
def test_tags_are_read_from_the_comma_separated_field(
    raw: object, tags: tuple[str, ...]
) -> None:
    assert parse_tags(raw) == tags


def test_unusable_field_values_read_as_defaults() -> None:
    data = synced()

    (event,) = data.apply(
        delta(
            2,
            torrents={UBUNTU: {"name": 5, "progress": "1.0", "state": None, "tags": 7}},
        )
    )

    assert (event.type, event.name, event.tags) == (ADDED, UBUNTU, ())
    assert data.counts()["total"] == 1
    assert sum(data.counts().values()) == 1


# --- Counts and filters -------------------------------------------------------

# Which counts a torrent in each state is in, besides "total", following the
# status filters of qBittorrent's WebUI sidebar (with upspeed 0).
EXPECTED_FILTERS = {
    "downloading": {"downloading", "active"},
    "forcedDL": {"downloading", "active"},
    "metaDL": {"downloading", "active"},
    "forcedMetaDL": {"downloading", "active"},
    "stalledDL": {"downloading", "stalled"},
    "queuedDL": {"downloading", "queued"},
    "checkingDL": {"downloading", "checking"},
    "pausedDL": {"downloading", "stopped"},
    "stoppedDL": {"downloading", "stopped"},
    "uploading": {"seeding", "active"},
    "forcedUP": {"seeding", "active"},
    "stalledUP": {"seeding", "stalled"},
    "queuedUP": {"seeding", "queued"},
    "checkingUP": {"seeding", "checking"},
    "pausedUP": {"stopped"},
    "stoppedUP": {"stopped"},
    "checkingResumeData": {"checking"},
    "error": {"errored"},
    "missingFiles": {"errored"},
    "unknown": {"errored"},
    "allocating": set(),
    "moving": set(),
    "a-state-from-the-future": set(),
}


@pytest.mark.parametrize(("state", "expected"), EXPECTED_FILTERS.items())
def test_a_torrent_is_counted_as_qbittorrent_filters_it(
    state: str, expected: set[str]
) -> None:
    data = synced(**{UBUNTU: torrent(state=state, upspeed=0)})

    counted = {key for key, n in data.counts().items() if n and key != "total"}

    assert counted == expected
    assert data.counts()["total"] == 1


@pytest.mark.parametrize(("state", "expected"), EXPECTED_FILTERS.items())
def test_a_filter_selects_exactly_the_torrents_its_count_counts(
    state: str, expected: set[str]
) -> None:
    subject = torrent(state=state, upspeed=0)

    selected = {key for key in COUNT_KEYS if matches_filter(subject, key)}

    assert selected == expected | {"total"}


def test_paused_and_stopped_state_names_count_alike() -> None:
    data = synced(
        **{
            UBUNTU: torrent(state="pausedDL"),
            DEBIAN: torrent(state="stoppedDL"),
            FEDORA: torrent(state="pausedUP"),
        }
    )
    data.apply(delta(2, torrents={"d" * 40: torrent(state="stoppedUP")}))

    assert data.counts()["stopped"] == 4
    assert data.counts()["downloading"] == 2


def test_a_stalled_download_is_active_only_while_it_uploads() -> None:
    data = synced(**{UBUNTU: torrent(state="stalledDL", upspeed=0)})
    assert data.counts()["active"] == 0

    data.apply(delta(2, torrents={UBUNTU: {"upspeed": 100}}))
    assert data.counts()["active"] == 1

    data.apply(delta(3, torrents={UBUNTU: {"upspeed": 0}}))
    assert data.counts()["active"] == 0


def test_speed_alone_does_not_make_a_stalled_upload_active() -> None:
    subject = torrent(state="stalledUP", upspeed=100, dlspeed=100)

    assert not matches_filter(subject, "active")


def test_counts_follow_state_changes_additions_and_removals() -> None:
    data = synced(
        **{UBUNTU: torrent(state="downloading"), DEBIAN: torrent(state="stalledUP")}
    )

    data.apply(
        delta(
            2,
            torrents={
                UBUNTU: {"state": "stalledUP", "progress": 1.0},
                FEDORA: torrent(state="error"),
            },
            torrents_removed=[DEBIAN],
        )
    )

    assert dict(data.counts()) == {
        "total": 2,
        "downloading": 0,
        "seeding": 1,
        "stopped": 0,
        "stalled": 1,
        "checking": 0,
        "queued": 0,
        "errored": 1,
        "active": 0,
    }


def test_a_full_update_recounts_from_scratch() -> None:
    data = synced(**{UBUNTU: torrent(state="downloading")})

    data.apply(full(2, torrents={DEBIAN: torrent(state="queuedUP")}))

    assert data.counts()["downloading"] == 0
    assert data.counts()["queued"] == 1
    assert data.counts()["total"] == 1


def test_the_total_filter_selects_every_torrent() -> None:
    assert matches_filter({}, "total")


def test_an_unknown_filter_name_is_refused() -> None:
    with pytest.raises(ValueError, match="completed"):
        matches_filter(torrent(), "completed")


@pytest.mark.parametrize(
    ("raw", "normalised"),
    [
        ("downloading", "downloading"),
        ("forcedDL", "downloading"),
        ("allocating", "downloading"),
        ("metaDL", "metadata"),
        ("forcedMetaDL", "metadata"),
        ("uploading", "seeding"),
        ("forcedUP", "seeding"),
        ("stalledUP", "seeding"),
        ("stalledDL", "stalled"),
        ("queuedDL", "queued"),
        ("queuedUP", "queued"),
        ("checkingDL", "checking"),
        ("checkingUP", "checking"),
        ("checkingResumeData", "checking"),
        ("pausedDL", "stopped"),
        ("pausedUP", "stopped"),
        ("stoppedDL", "stopped"),
        ("stoppedUP", "stopped"),
        ("moving", "moving"),
        ("error", "errored"),
        ("missingFiles", "errored"),
        ("unknown", "unknown"),
        ("", "unknown"),
        ("a-state-from-the-future", "unknown"),
    ],
)
def test_each_raw_state_has_one_normalised_state(raw: str, normalised: str) -> None:
    assert normalise_state(raw) == normalised
    assert normalised in NORMALISED_STATES


def test_every_state_of_qbittorrent_4_and_5_has_a_known_normalised_state() -> None:
    assert {normalise_state(s) for s in ALL_STATES} <= set(NORMALISED_STATES)
    assert {s for s in ALL_STATES if normalise_state(s) == "unknown"} == {"unknown"}


# --- Property: any sequence of deltas merges into the server's snapshot ---------

HASHES = tuple(f"{i:040x}" for i in range(1, 5))
TORRENT_FIELDS = st.fixed_dictionaries(
    {
        "name": st.sampled_from(["ubuntu.iso", "debian.iso", ""]),
        # Every state, with the ones whose transitions matter drawn more often.
        "state": st.one_of(
            st.sampled_from(ALL_STATES),
            st.sampled_from(["stalledDL", "downloading", "error", "stalledUP"]),
        ),
        "progress": st.sampled_from([0.0, 0.42, 0.999, 1.0, 1]),
        "dlspeed": st.sampled_from([0, 1024]),
        "upspeed": st.sampled_from([0, 2048]),
        "category": st.sampled_from(["", "linux", "iso"]),
        "tags": st.sampled_from(["", "a", "a, b"]),
        "size": st.sampled_from([0, 1000, 2**40]),
        "save_path": st.sampled_from(["/dl", "/done"]),
        "magnet_uri": st.sampled_from(["magnet:?xt=1", "magnet:?xt=2"]),
        "availability": st.sampled_from([-1, 0.5]),
    }
)
FIELD_NAMES = (
    "name",
    "state",
    "progress",
    "dlspeed",
    "upspeed",
    "category",
    "tags",
    "size",
    "save_path",
    "magnet_uri",
    "availability",
)
CHANGE_TORRENT = st.tuples(
    st.just("change"),
    st.sampled_from(HASHES),
    TORRENT_FIELDS,
    st.frozensets(st.sampled_from(FIELD_NAMES), min_size=1),
)
SERVER_CHANGES = st.one_of(
    st.tuples(st.just("add"), st.sampled_from(HASHES), TORRENT_FIELDS),
    # Changes to known torrents are where the transitions are: drawn most.
    CHANGE_TORRENT,
    CHANGE_TORRENT,
    CHANGE_TORRENT,
    st.tuples(st.just("remove"), st.sampled_from(HASHES)),
    st.tuples(
        st.just("category"),
        st.sampled_from(["tv", "films"]),
        st.sampled_from(["/a", "/b", None]),
    ),
    st.tuples(st.just("tag"), st.sampled_from(["x", "y", "z"]), st.booleans()),
    st.tuples(
        st.just("server"),
        st.sampled_from(["dl_info_speed", "free_space_on_disk"]),
        st.integers(0, 3),
    ),
)
# What happens on the server between two replies, and which reply follows:
# mostly a poll (a delta), sometimes a resync (a full update).
SERVER_STEPS = st.lists(
    st.tuples(
        st.lists(SERVER_CHANGES, max_size=4),
        st.sampled_from(["poll", "poll", "poll", "resync"]),
    ),
    max_size=12,
)
PROPERTY_SETTINGS = settings(
    max_examples=150,
    deadline=None,
)


@dataclass
class Snapshot:
    torrents: dict[str, dict[str, Any]] = field(default_factory=dict)
    categories: dict[str, dict[str, Any]] = field(default_factory=dict)
    tags: set[str] = field(default_factory=set)
    server_state: dict[str, Any] = field(default_factory=dict)


def changed_fields(old: dict[str, Any], new: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in new.items() if old.get(key) != value}


class FakeServer:
    """A qBittorrent server's state and the maindata replies it would send."""

    def __init__(self) -> None:
        self.now = Snapshot()
        self.sent = Snapshot()
        self.rid = 0

    def change(self, step: tuple[Any, ...]) -> None:
        kind, *args = step
        if kind == "add":
            self.now.torrents[args[0]] = dict(args[1])
        elif kind == "change" and args[0] in self.now.torrents:
            fields, names = args[1], args[2]
            self.now.torrents[args[0]].update({n: fields[n] for n in names})
        elif kind == "remove":
            self.now.torrents.pop(args[0], None)
        elif kind == "category":
            if args[1] is None:
                self.now.categories.pop(args[0], None)
            else:
                self.now.categories[args[0]] = {"name": args[0], "savePath": args[1]}
        elif kind == "tag":
            (self.now.tags.add if args[1] else self.now.tags.discard)(args[0])
        elif kind == "server":
            self.now.server_state[args[0]] = args[1]

    def full_update(self) -> dict[str, Any]:
        self.rid += 1
        self.sent = copy.deepcopy(self.now)
        return {
            "rid": self.rid,
            "full_update": True,
            "torrents": copy.deepcopy(self.now.torrents),
            "categories": copy.deepcopy(self.now.categories),
            "tags": sorted(self.now.tags),
            "server_state": dict(self.now.server_state),
        }

    def delta(self) -> dict[str, Any]:
        """Return what changed since the last reply, as qBittorrent reports it."""
        old, new = self.sent, self.now
        self.rid += 1
        reply: dict[str, Any] = {"rid": self.rid}
        parts = {
            "torrents": diff_records(old.torrents, new.torrents),
            "torrents_removed": [h for h in old.torrents if h not in new.torrents],
            "categories": diff_records(old.categories, new.categories),
            "categories_removed": [
                c for c in old.categories if c not in new.categories
            ],
            "tags": sorted(new.tags - old.tags),
            "tags_removed": sorted(old.tags - new.tags),
            "server_state": changed_fields(old.server_state, new.server_state),
        }
        reply |= {key: value for key, value in parts.items() if value}
        self.sent = copy.deepcopy(new)
        return reply


def diff_records(
    old: dict[str, dict[str, Any]], new: dict[str, dict[str, Any]]
) -> dict[str, dict[str, Any]]:
    diff = {}
    for key, fields in new.items():
        changed = changed_fields(old[key], fields) if key in old else dict(fields)
        if changed:
            diff[key] = copy.deepcopy(changed)
    return diff


def expected_events(old: Snapshot, new: Snapshot) -> Counter[tuple[str, str]]:
    """Return the events a delta from ``old`` to ``new`` must bring."""

    def complete(t: dict[str, Any]) -> bool:
        return bool(t["progress"] >= 1)

    def errored(t: dict[str, Any]) -> bool:
        return t["state"] in {"error", "missingFiles"}

    events: Counter[tuple[str, str]] = Counter()
    for h, t in new.torrents.items():
        before = old.torrents.get(h)
        if before is None:
            events[ADDED, h] += 1
        if complete(t) and (before is None or not complete(before)):
            events[COMPLETED, h] += 1
        if errored(t) and (before is None or not errored(before)):
            events[ERRORED, h] += 1
    for h in old.torrents:
        if h not in new.torrents:
            events[REMOVED, h] += 1
    return events


@dataclass(frozen=True)
class Exchange:
    """One reply of the server and what the MainData following it made of it."""

    full_update: bool
    rid: int
    last_sent: Snapshot  # what the client had been told before this reply
    server: Snapshot  # the server's state when it replied
    events: list[TorrentEvent]
    merged: dict[str, Any]  # state_of() the MainData after the reply


def replay(
    setup: list[tuple[Any, ...]],
    steps: list[tuple[list[tuple[Any, ...]], str]],
) -> list[Exchange]:
    """Run a server through the steps, a MainData following it; return each reply."""
    server, data = FakeServer(), MainData()
    for change in setup:
        server.change(change)
    exchanges = []
    for changes, reply_kind in [([], "resync"), *steps, ([], "poll")]:
        for change in changes:
            server.change(change)
        last_sent = copy.deepcopy(server.sent)
        full_update = reply_kind == "resync"
        events = data.apply(server.full_update() if full_update else server.delta())
        exchanges.append(
            Exchange(
                full_update=full_update,
                rid=server.rid,
                last_sent=last_sent,
                server=copy.deepcopy(server.now),
                events=events,
                merged=state_of(data),
            )
        )
    return exchanges


def kept_snapshot(snapshot: Snapshot) -> dict[str, Any]:
    return {
        "torrents": {
            h: {k: v for k, v in t.items() if k in KEPT_TORRENT_FIELDS} | {"hash": h}
            for h, t in snapshot.torrents.items()
        },
        "categories": snapshot.categories,
        "tags": frozenset(snapshot.tags),
        "server_state": snapshot.server_state,
    }


STEPS = {"setup": st.lists(SERVER_CHANGES, max_size=15), "steps": SERVER_STEPS}


@PROPERTY_SETTINGS
@given(**STEPS)
def test_after_every_reply_the_merged_state_equals_the_server_snapshot(
    setup: list[tuple[Any, ...]], steps: list[tuple[list[tuple[Any, ...]], str]]
) -> None:
    for exchange in replay(setup, steps):
        merged = exchange.merged
        assert merged["rid"] == exchange.rid
        assert {
            key: merged[key]
            for key in ("torrents", "categories", "tags", "server_state")
        } == kept_snapshot(exchange.server)


@PROPERTY_SETTINGS
@given(**STEPS)
def test_after_every_reply_the_counts_equal_counts_made_from_scratch(
    setup: list[tuple[Any, ...]], steps: list[tuple[list[tuple[Any, ...]], str]]
) -> None:
    for exchange in replay(setup, steps):
        torrents = exchange.server.torrents.values()
        from_scratch = {
            key: sum(matches_filter(t, key) for t in torrents) for key in COUNT_KEYS
        }
        assert exchange.merged["counts"] == from_scratch


@PROPERTY_SETTINGS
@given(**STEPS)
def test_each_delta_brings_exactly_one_event_per_transition_since_the_last_reply(
    setup: list[tuple[Any, ...]], steps: list[tuple[list[tuple[Any, ...]], str]]
) -> None:
    for exchange in replay(setup, steps):
        if exchange.full_update:
            continue
        events = exchange.events
        assert Counter(kinds(events)) == expected_events(
            exchange.last_sent, exchange.server
        )
        for h in {event.hash for event in events}:
            own = [event.type for event in events if event.hash == h]
            if ADDED in own:
                assert own[0] == ADDED


@PROPERTY_SETTINGS
@given(**STEPS)
def test_a_resync_brings_no_events_whatever_changed_before_it(
    setup: list[tuple[Any, ...]], steps: list[tuple[list[tuple[Any, ...]], str]]
) -> None:
    exchanges = replay(setup, steps)

    assert all(e.events == [] for e in exchanges if e.full_update)
