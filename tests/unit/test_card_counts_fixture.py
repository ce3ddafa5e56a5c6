"""The fixture the card's tests share: the merge gives its torrents and its counts.

`tests/fixtures/torrent_counts.json` holds torrents of every qBittorrent 4.x
and 5.x state, raw (as the WebUI API reports them) and as the WebSocket API
sends them, with the torrent-count sensor values they give. The card's tests
(frontend/test/counts.test.ts) prove that it counts the WebSocket torrents to
those values; these prove that the integration sends those torrents and
counts those values, from the raw ones.
"""

from __future__ import annotations

from collections import Counter
import json
from pathlib import Path
from typing import Any

import pytest

from custom_components.qbittorrent_multi.model import COUNT_KEYS
from custom_components.qbittorrent_multi.sync import MainData
from custom_components.qbittorrent_multi.torrent_feed import card_torrent

FIXTURE = Path(__file__).parent.parent / "fixtures" / "torrent_counts.json"


@pytest.fixture(scope="module")
def fixture() -> dict[str, Any]:
    """The shared fixture."""
    loaded: dict[str, Any] = json.loads(FIXTURE.read_text(encoding="utf-8"))
    return loaded


def merged(fixture: dict[str, Any], entry_id: str) -> MainData:
    """One server's raw torrents, merged from a full sync reply."""
    maindata = MainData()
    maindata.apply(
        {
            "rid": 1,
            "full_update": True,
            "torrents": {
                case["qbittorrent"]["hash"]: {
                    key: value
                    for key, value in case["qbittorrent"].items()
                    if key != "hash"
                }
                for case in fixture["cases"]
                if case["server"] == entry_id
            },
        }
    )
    return maindata


def test_the_merge_sends_exactly_the_fixture_s_torrents(
    fixture: dict[str, Any],
) -> None:
    """Each raw torrent, merged, is sent as the fixture's WebSocket torrent."""
    for entry_id in fixture["counts_by_server"]:
        torrents = merged(fixture, entry_id).torrents
        expected = {
            case["torrent"]["hash"]: case["torrent"]
            for case in fixture["cases"]
            if case["server"] == entry_id
        }
        sent = {h: card_torrent(entry_id, t) for h, t in torrents.items()}
        assert sent == expected


def test_the_sensors_count_what_the_fixture_says(fixture: dict[str, Any]) -> None:
    """Per server and over both, the counts the sensors read equal the fixture's."""
    total: Counter[str] = Counter()
    for entry_id, counts in fixture["counts_by_server"].items():
        maindata = merged(fixture, entry_id)
        assert {key: maindata.count(key) for key in COUNT_KEYS} == counts
        total.update(counts)
    assert dict(total) == fixture["counts"]


def test_the_fixture_covers_every_state_name(fixture: dict[str, Any]) -> None:
    """Both vocabularies: paused* (4.x) and stopped* (5.x), and the rare states."""
    states = {case["qbittorrent"]["state"] for case in fixture["cases"]}
    assert {"pausedDL", "pausedUP", "stoppedDL", "stoppedUP"} <= states
    assert {"checkingResumeData", "moving", "missingFiles", "unknown"} <= states
