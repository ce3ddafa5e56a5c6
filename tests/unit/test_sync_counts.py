"""Specification of the torrent counts and qBittorrent's state names."""

from __future__ import annotations

import pytest

from custom_components.qbittorrent_multi.sync import (
    COUNT_KEYS,
    NORMALISED_STATES,
    normalise_state,
)
from tests.unit.maindata_replies import (
    ALL_STATES,
    DEBIAN,
    FEDORA,
    UBUNTU,
    delta,
    full,
    matches_filter,
    synced,
    torrent,
)

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
        ),
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
