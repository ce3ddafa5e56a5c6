"""Specification of the torrent events a reply brings."""

from __future__ import annotations

import dataclasses
from typing import Any

import pytest

from custom_components.qbittorrent_multi.sync import (
    TorrentEvent,
    TorrentEventType,
    parse_tags,
)
from tests.unit.maindata_replies import (
    ADDED,
    COMPLETED,
    DEBIAN,
    ERRORED,
    FEDORA,
    REMOVED,
    UBUNTU,
    apply,
    delta,
    full,
    kinds,
    synced,
    torrent,
)

# --- Events -------------------------------------------------------------------


# The events about UBUNTU as `torrent()` describes it.
UBUNTU_EVENT = TorrentEvent(
    type=ADDED,
    hash=UBUNTU,
    name="ubuntu-24.04.iso",
    category="linux",
    tags=("iso", "lts"),
    size=6_000_000_000,
    save_path="/downloads/linux",
)


def ubuntu_event(kind: TorrentEventType, **details: Any) -> TorrentEvent:
    """The event `kind` about UBUNTU, with the details that differ from `torrent()`."""
    return dataclasses.replace(UBUNTU_EVENT, type=kind, **details)


def test_a_full_update_never_brings_events() -> None:
    data = synced(**{UBUNTU: torrent(progress=0.5), DEBIAN: torrent()})

    events = apply(
        data,
        full(
            2,
            torrents={
                UBUNTU: torrent(progress=1.0, state="error"),
                FEDORA: torrent(progress=1.0),
            },
        ),
    )

    assert events == []


def test_a_torrent_that_appears_in_a_delta_is_added() -> None:
    data = synced(**{UBUNTU: torrent()})

    events = apply(data, delta(2, torrents={DEBIAN: torrent(name="debian.iso")}))

    assert kinds(events) == [(ADDED, DEBIAN)]
    assert events[0].name == "debian.iso"


def test_an_added_torrent_that_is_already_complete_is_also_completed() -> None:
    data = synced()

    events = apply(
        data, delta(2, torrents={UBUNTU: torrent(progress=1.0, state="stalledUP")})
    )

    assert kinds(events) == [(ADDED, UBUNTU), (COMPLETED, UBUNTU)]


@pytest.mark.parametrize("state", ["error", "missingFiles"])
def test_an_added_torrent_that_is_already_in_error_is_also_errored(
    state: str,
) -> None:
    data = synced()

    events = apply(data, delta(2, torrents={UBUNTU: torrent(state=state)}))

    assert kinds(events) == [(ADDED, UBUNTU), (ERRORED, UBUNTU)]


def test_a_torrent_reaching_full_progress_is_completed() -> None:
    data = synced(**{UBUNTU: torrent(progress=0.99)})

    events = apply(
        data, delta(2, torrents={UBUNTU: {"progress": 1.0, "state": "uploading"}})
    )

    assert kinds(events) == [(COMPLETED, UBUNTU)]


def test_a_torrent_that_finishes_entirely_between_two_polls_is_completed() -> None:
    data = synced(**{UBUNTU: torrent(progress=0.0, state="metaDL")})

    events = apply(
        data, delta(2, torrents={UBUNTU: {"progress": 1, "state": "stalledUP"}})
    )

    assert kinds(events) == [(COMPLETED, UBUNTU)]


def test_a_completed_torrent_is_not_completed_again_by_later_changes() -> None:
    data = synced(**{UBUNTU: torrent(progress=0.5)})
    apply(data, delta(2, torrents={UBUNTU: {"progress": 1.0}}))

    later = [
        apply(data, delta(3, torrents={UBUNTU: {"upspeed": 10, "state": "uploading"}})),
        apply(data, delta(4, torrents={UBUNTU: {"progress": 1.0}})),
        apply(data, delta(5, torrents={UBUNTU: {"state": "stoppedUP"}})),
    ]

    assert later == [[], [], []]


def test_a_torrent_that_drops_below_complete_and_finishes_again_completes_again() -> (
    None
):
    data = synced(**{UBUNTU: torrent(progress=1.0, state="stalledUP")})

    rechecked = apply(
        data, delta(2, torrents={UBUNTU: {"progress": 0.8, "state": "checkingDL"}})
    )
    finished = apply(
        data, delta(3, torrents={UBUNTU: {"progress": 1.0, "state": "stalledUP"}})
    )

    assert rechecked == []
    assert kinds(finished) == [(COMPLETED, UBUNTU)]


def test_a_known_torrent_that_is_removed_is_removed_with_its_last_details() -> None:
    data = synced(**{UBUNTU: torrent()})
    apply(data, delta(2, torrents={UBUNTU: {"name": "renamed.iso", "category": ""}}))

    events = apply(data, delta(3, torrents_removed=[UBUNTU]))

    assert events == [ubuntu_event(REMOVED, name="renamed.iso", category="")]


def test_removing_a_torrent_that_was_never_known_brings_no_event() -> None:
    data = synced(**{UBUNTU: torrent()})

    events = apply(data, delta(2, torrents_removed=[DEBIAN]))

    assert events == []
    assert list(data.torrents) == [UBUNTU]


def test_a_torrent_added_and_removed_in_one_delta_is_added_then_removed() -> None:
    data = synced()

    events = apply(
        data, delta(2, torrents={UBUNTU: torrent()}, torrents_removed=[UBUNTU])
    )

    assert kinds(events) == [(ADDED, UBUNTU), (REMOVED, UBUNTU)]
    assert dict(data.torrents) == {}


@pytest.mark.parametrize("state", ["error", "missingFiles"])
@pytest.mark.parametrize(
    "before", ["downloading", "stalledUP", "pausedDL", "stoppedUP"]
)
def test_a_torrent_entering_an_error_state_is_errored(before: str, state: str) -> None:
    data = synced(**{UBUNTU: torrent(state=before)})

    events = apply(data, delta(2, torrents={UBUNTU: {"state": state}}))

    assert kinds(events) == [(ERRORED, UBUNTU)]


def test_a_torrent_moving_from_one_error_state_to_another_is_not_errored_again() -> (
    None
):
    data = synced(**{UBUNTU: torrent(state="error")})

    assert apply(data, delta(2, torrents={UBUNTU: {"state": "missingFiles"}})) == []
    assert apply(data, delta(3, torrents={UBUNTU: {"dlspeed": 0}})) == []


def test_a_torrent_that_recovers_and_fails_again_is_errored_again() -> None:
    data = synced(**{UBUNTU: torrent(state="error")})

    recovered = apply(data, delta(2, torrents={UBUNTU: {"state": "checkingDL"}}))
    failed = apply(data, delta(3, torrents={UBUNTU: {"state": "missingFiles"}}))

    assert recovered == []
    assert kinds(failed) == [(ERRORED, UBUNTU)]


def test_a_torrent_that_completes_and_fails_at_once_is_completed_and_errored() -> None:
    data = synced(**{UBUNTU: torrent(progress=0.5)})

    events = apply(
        data, delta(2, torrents={UBUNTU: {"progress": 1.0, "state": "missingFiles"}})
    )

    assert kinds(events) == [(COMPLETED, UBUNTU), (ERRORED, UBUNTU)]


def test_event_details_come_from_the_torrent_after_the_delta() -> None:
    data = synced(**{UBUNTU: torrent(progress=0.5)})

    events = apply(
        data,
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
        ),
    )

    assert events == [
        ubuntu_event(
            COMPLETED,
            name="ubuntu-final.iso",
            category="done",
            tags=("iso", "finished"),
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
    (event,) = apply(data, delta(2, torrents={UBUNTU: new}))

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

    (event,) = apply(
        data,
        delta(
            2,
            torrents={UBUNTU: {"name": 5, "progress": "1.0", "state": None, "tags": 7}},
        ),
    )

    assert (event.type, event.name, event.tags) == (ADDED, UBUNTU, ())
    assert data.counts()["total"] == 1
    assert sum(data.counts().values()) == 1
