"""Specification of merging sync/maindata replies into one server's state."""

from __future__ import annotations

import copy
from typing import Any

import msgspec
import pytest

from custom_components.qbittorrent_multi.model import TORRENT_FIELDS, ServerState
from custom_components.qbittorrent_multi.sync import (
    COUNT_KEYS,
    MainData,
    MalformedReplyError,
    TorrentEventType,
    UnknownTorrentError,
)
from tests.unit.maindata_replies import (
    DEBIAN,
    FEDORA,
    UBUNTU,
    apply,
    delta,
    full,
    kinds,
    state_of,
    synced,
    torrent,
)

# --- Merging ----------------------------------------------------------------


def test_nothing_is_known_before_the_first_reply() -> None:
    data = MainData()

    assert data.rid == 0
    assert dict(data.torrents) == {}
    assert dict(data.categories) == {}
    assert data.tags == frozenset()
    assert data.server_state == ServerState()
    assert dict(data.counts()) == dict.fromkeys(COUNT_KEYS, 0)


def test_first_full_update_becomes_the_state_without_events() -> None:
    data = MainData()

    events = apply(
        data,
        full(
            7,
            torrents={UBUNTU: torrent(progress=1.0, state="stalledUP")},
            categories={"linux": {"name": "linux", "savePath": "/dl/linux"}},
            tags=["iso"],
            server_state={"dl_info_speed": 10, "free_space_on_disk": 5},
        ),
    )

    assert events == []
    assert data.rid == 7
    assert data.torrents[UBUNTU].name == "ubuntu-24.04.iso"
    assert dict(data.categories) == {
        "linux": {"name": "linux", "savePath": "/dl/linux"}
    }
    assert data.tags == frozenset({"iso"})
    assert data.server_state == ServerState(download_speed=10, free_space=5)


def test_a_first_reply_without_full_update_is_taken_as_a_full_update() -> None:
    data = MainData()

    events = apply(data, delta(3, torrents={UBUNTU: torrent(progress=1.0)}))

    assert events == []
    assert list(data.torrents) == [UBUNTU]
    assert data.rid == 3


def test_a_delta_changes_only_the_fields_it_carries() -> None:
    data = synced(**{UBUNTU: torrent(dlspeed=5, upspeed=7)})

    apply(data, delta(2, torrents={UBUNTU: {"dlspeed": 9}}))

    assert data.torrents[UBUNTU].download_speed == 9
    assert data.torrents[UBUNTU].upload_speed == 7
    assert data.torrents[UBUNTU].name == "ubuntu-24.04.iso"


def test_a_delta_leaves_torrents_it_does_not_mention_alone() -> None:
    data = synced(**{UBUNTU: torrent(), DEBIAN: torrent(name="debian.iso")})

    apply(data, delta(2, torrents={UBUNTU: {"name": "renamed"}}))

    assert data.torrents[DEBIAN].name == "debian.iso"


def test_every_reply_advances_the_rid() -> None:
    data = synced(**{UBUNTU: torrent()})

    apply(data, delta(2))
    apply(data, delta(3, server_state={"dl_info_speed": 1}))

    assert data.rid == 3


def test_a_full_update_replaces_everything_known_before() -> None:
    data = synced(**{UBUNTU: torrent(), DEBIAN: torrent()})
    apply(data, delta(2, categories={"old": {"name": "old"}}, tags=["old"]))

    apply(
        data,
        full(
            3,
            torrents={FEDORA: torrent(name="fedora.iso")},
            categories={"new": {"name": "new"}},
            tags=["new"],
            server_state={"connection_status": "connected"},
        ),
    )

    assert list(data.torrents) == [FEDORA]
    assert list(data.categories) == ["new"]
    assert data.tags == frozenset({"new"})
    assert data.server_state == ServerState(connection_status="connected")


def test_a_full_update_with_an_older_rid_still_replaces_the_state() -> None:
    data = MainData()
    apply(data, full(500, torrents={UBUNTU: torrent()}))

    apply(data, full(1, torrents={DEBIAN: torrent()}))

    assert list(data.torrents) == [DEBIAN]
    assert data.rid == 1


def test_only_the_torrent_fields_the_integration_uses_are_kept() -> None:
    data = synced(**{UBUNTU: torrent()})
    apply(data, delta(2, torrents={DEBIAN: torrent(), UBUNTU: {"magnet_uri": "x"}}))

    for kept in data.torrents.values():
        assert set(msgspec.structs.asdict(kept)) == set(TORRENT_FIELDS)
        assert not hasattr(kept, "magnet_uri")
        assert not hasattr(kept, "availability")
        assert kept.save_path == "/downloads/linux"


def test_every_torrent_carries_its_hash() -> None:
    data = synced(**{UBUNTU: torrent()})
    apply(
        data,
        delta(
            2,
            torrents={
                DEBIAN: {"name": "debian.iso", "state": "queuedDL", "hash": "wrong"}
            },
        ),
    )

    assert data.torrents[UBUNTU].hash == UBUNTU
    assert data.torrents[DEBIAN].hash == DEBIAN


def test_a_delta_for_a_torrent_never_listed_is_refused_and_changes_nothing() -> None:
    data = synced(**{DEBIAN: torrent()})
    before = (data.rid, dict(data.counts()), set(data.torrents))

    with pytest.raises(UnknownTorrentError, match="never listed"):
        apply(data, delta(2, torrents={UBUNTU: {"dlspeed": 0}, DEBIAN: {"dlspeed": 5}}))

    assert (data.rid, dict(data.counts()), set(data.torrents)) == before
    assert data.torrents[DEBIAN].download_speed != 5


def test_a_new_torrent_sent_whole_in_a_delta_is_added() -> None:
    data = synced()

    events = apply(data, delta(2, torrents={UBUNTU: torrent(name="Ubuntu")}))

    assert kinds(events) == [(TorrentEventType.ADDED, UBUNTU)]


def test_removed_torrents_disappear() -> None:
    data = synced(**{UBUNTU: torrent(), DEBIAN: torrent()})

    apply(data, delta(2, torrents_removed=[UBUNTU]))

    assert list(data.torrents) == [DEBIAN]
    assert UBUNTU not in data.torrents


def test_a_category_delta_changes_only_the_fields_it_carries() -> None:
    data = MainData()
    apply(data, full(1, categories={"tv": {"name": "tv", "savePath": "/tv"}}))

    apply(data, delta(2, categories={"tv": {"savePath": "/media/tv"}}))

    assert dict(data.categories["tv"]) == {"name": "tv", "savePath": "/media/tv"}


def test_categories_are_added_and_removed_by_deltas() -> None:
    data = MainData()
    apply(data, full(1, categories={"tv": {"name": "tv", "savePath": "/tv"}}))

    apply(
        data,
        delta(
            2,
            categories={"films": {"name": "films", "savePath": "/films"}},
            categories_removed=["tv", "never-existed"],
        ),
    )

    assert list(data.categories) == ["films"]


def test_categories_given_as_a_list_of_names_are_understood() -> None:
    data = MainData()
    apply(data, full(1, categories=["tv"]))

    apply(data, delta(2, categories=["films"]))

    assert dict(data.categories) == {"tv": {"name": "tv"}, "films": {"name": "films"}}


def test_tags_are_added_and_removed_by_deltas() -> None:
    data = MainData()
    apply(data, full(1, tags=["a", "b"]))

    apply(data, delta(2, tags=["c"], tags_removed=["a", "never-existed"]))

    assert data.tags == frozenset({"b", "c"})


def test_a_delta_that_only_removes_tags_removes_them() -> None:
    data = MainData()
    apply(data, full(1, tags=["a", "b"]))

    apply(data, delta(2, tags_removed=["b"]))

    assert data.tags == frozenset({"a"})


def test_a_server_state_delta_changes_only_the_fields_it_carries() -> None:
    data = MainData()
    apply(data, full(1, server_state={"dl_info_speed": 1, "up_info_speed": 2}))

    apply(data, delta(2, server_state={"dl_info_speed": 3}))

    assert data.server_state == ServerState(download_speed=3, upload_speed=2)


def test_the_state_cannot_be_changed_through_what_it_hands_out() -> None:
    data = MainData()
    apply(
        data,
        full(
            1,
            torrents={UBUNTU: torrent()},
            categories={"tv": {"name": "tv"}},
            server_state={"dl_info_speed": 1},
        ),
    )

    with pytest.raises(AttributeError):
        data.torrents[UBUNTU].name = "changed"  # type: ignore[misc]
    with pytest.raises(TypeError):
        data.torrents[UBUNTU] = data.torrents[UBUNTU]  # type: ignore[index]
    with pytest.raises(TypeError):
        data.categories["tv"]["name"] = "changed"  # type: ignore[index]
    with pytest.raises(AttributeError):
        data.server_state.download_speed = 2  # type: ignore[misc]
    counts = data.counts()
    counts["total"] = 99
    assert data.counts()["total"] == 1


def test_reset_forgets_everything_and_the_next_reply_is_taken_as_full() -> None:
    data = synced(**{UBUNTU: torrent()})
    apply(data, delta(2, tags=["a"], server_state={"dl_info_speed": 1}))

    data.reset()

    assert state_of(data) == state_of(MainData())
    assert apply(data, delta(9, torrents={DEBIAN: torrent(progress=1.0)})) == []
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
    apply(
        data,
        delta(
            2,
            torrents={DEBIAN: torrent(state="stalledUP", progress=1.0)},
            categories={"tv": {"name": "tv"}},
            tags=["a"],
            server_state={"dl_info_speed": 1},
        ),
    )
    before = copy.deepcopy(state_of(data))

    with pytest.raises(ValueError, match="maindata"):
        apply(data, reply)

    assert state_of(data) == before


def test_malformed_replies_raise_a_dedicated_value_error() -> None:
    with pytest.raises(MalformedReplyError):
        MainData().apply({"rid": "1"})


def test_a_malformed_first_reply_leaves_the_next_one_taken_as_full() -> None:
    data = MainData()
    with pytest.raises(ValueError, match="maindata"):
        apply(data, {"rid": 1, "torrents": []})

    events = apply(data, delta(2, torrents={UBUNTU: torrent()}))

    assert events == []
    assert data.rid == 2
