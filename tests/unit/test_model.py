"""One set of rules reads qBittorrent's fields; a large merge shows no half state."""

from __future__ import annotations

from typing import Any

import pytest

from custom_components.qbittorrent_multi.maindata_reply import (
    Reply,
    reply_from_object,
)
from custom_components.qbittorrent_multi.model import ServerState, server_state_changes
from custom_components.qbittorrent_multi.sync import MainData, run_to_end
from tests.unit.maindata_replies import (
    as_torrent,
    delta,
    full,
    state_of,
    synced,
    torrent,
)


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        ({"dlspeed": True}, 0),
        ({"dlspeed": 12.9}, 12),
        ({"dlspeed": "12"}, 0),
        ({"dlspeed": None}, 0),
        ({"dlspeed": 12}, 12),
    ],
)
def test_a_number_is_a_number_and_a_boolean_never_is(
    fields: dict[str, Any], expected: int
) -> None:
    assert as_torrent("a" * 40, fields).download_speed == expected


@pytest.mark.parametrize(
    ("raw", "moment"), [(-1, None), (0, None), (1_700_000_000, 1_700_000_000)]
)
def test_minus_one_and_zero_mean_never(raw: int, moment: int | None) -> None:
    subject = as_torrent("a" * 40, {"added_on": raw, "completion_on": raw})

    assert (subject.added_on, subject.completion_on) == (moment, moment)


@pytest.mark.parametrize(
    ("raw", "eta"), [(8_640_000, None), (-1, None), (0, 0), (3600, 3600)]
)
def test_an_eta_of_100_days_means_unknown(raw: int, eta: int | None) -> None:
    assert as_torrent("a" * 40, {"eta": raw}).eta == eta


def test_torrents_share_their_repeated_strings() -> None:
    data = synced(
        **{
            "a" * 40: torrent(category="linux", tags="iso, lts"),
            "b" * 40: torrent(category="linux", tags="iso, lts"),
        }
    )

    first, second = data.torrents.values()

    assert first.category is second.category
    assert first.tags is second.tags
    assert first.state is second.state


def test_the_server_state_reads_the_ratio_text_and_the_speed_limit_mode() -> None:
    state = ServerState(
        **server_state_changes(
            {
                "global_ratio": "1.25",
                "use_alt_speed_limits": 1,
                "dl_info_speed": True,
                "connection_status": 5,
            }
        )
    )

    assert state == ServerState(
        global_ratio=1.25,
        alternative_speed=True,
        download_speed=None,
        connection_status=None,
    )


def _steps_showing(data: MainData, reply: dict[str, Any]) -> list[dict[str, Any]]:
    """What a reader sees of `data` between every two steps of merging `reply`."""
    steps = data.merge_steps(data_reply(reply), group_size=1)
    seen: list[dict[str, Any]] = []
    while True:
        try:
            next(steps)
        except StopIteration:
            return seen
        seen.append(state_of(data))


def data_reply(reply: dict[str, Any]) -> Reply:
    """The checked form of a reply."""
    return reply_from_object(reply)


def test_a_reader_never_sees_half_of_a_full_update() -> None:
    data = synced(**{"a" * 40: torrent()})
    before = state_of(data)
    reply = full(2, torrents={f"{n:040x}": torrent() for n in range(5)})

    seen = _steps_showing(data, reply)

    assert len(seen) >= 5
    assert all(state == before for state in seen)
    assert len(data.torrents) == 5


def test_a_reader_never_sees_half_of_a_large_delta() -> None:
    data = synced(**{f"{n:040x}": torrent() for n in range(5)})
    before = state_of(data)
    reply = delta(
        2, torrents={f"{n:040x}": {"dlspeed": 7} for n in range(5)}, tags=["new"]
    )

    seen = _steps_showing(data, reply)

    assert len(seen) >= 4
    assert all(state == before for state in seen)
    assert {t.download_speed for t in data.torrents.values()} == {7}


def test_merging_at_once_gives_what_merging_in_steps_gives() -> None:
    reply = full(2, torrents={f"{n:040x}": torrent(name=str(n)) for n in range(7)})
    at_once, in_steps = MainData(), MainData()

    at_once.apply(reply)
    run_to_end(in_steps.merge_steps(data_reply(reply), group_size=2))

    assert state_of(at_once) == state_of(in_steps)
