"""Replies that are not what qBittorrent sends: readable errors, state untouched."""

from __future__ import annotations

from homeassistant.const import STATE_ON, STATE_UNAVAILABLE
from homeassistant.core import HomeAssistant
import pytest
from pytest_homeassistant_custom_component.common import (
    MockConfigEntry,
    async_capture_events,
)

from custom_components.qbittorrent_multi.const import EVENT_TORRENT
from tests.components.server_entries import add_server, coordinator_of, poll
from tests.fake_qbittorrent import FakeQBittorrent
from tests.faults.observe import (
    counts_shown,
    our_problems,
    state_of,
    torrents_listed,
)
from tests.live_fixtures import StartFakeQBittorrent

pytestmark = pytest.mark.usefixtures("socket_enabled")

DEBIAN = "a" * 40
FEDORA = "b" * 40
ARCH = "c" * 40


@pytest.fixture
async def nas(
    hass: HomeAssistant, fake_qbittorrent: StartFakeQBittorrent
) -> tuple[FakeQBittorrent, MockConfigEntry]:
    """A server with two torrents, polled twice so that it answers with deltas."""
    server = await fake_qbittorrent("5.3")
    server.add_torrent(hash=DEBIAN, name="Debian", state="uploading", progress=1.0)
    server.add_torrent(hash=FEDORA, name="Fedora", state="downloading", progress=0.5)
    entry = await add_server(hass, server)
    await poll(hass, entry)
    return server, entry


@pytest.mark.parametrize(
    ("mode", "explanation"),
    [
        ("truncated_json", "sent a reply that is not valid JSON"),
        ("html_login_page", "answered with a web page instead of the qBittorrent API"),
        ("status_502", "answered with HTTP 502: a reverse proxy"),
        ("empty_body", "sent a reply that is not valid JSON"),
    ],
)
async def test_a_bad_reply_is_explained_and_the_next_good_one_resumes(
    hass: HomeAssistant,
    nas: tuple[FakeQBittorrent, MockConfigEntry],
    caplog: pytest.LogCaptureFixture,
    mode: str,
    explanation: str,
) -> None:
    """One readable log line; nothing merged; the next delta continues from before."""
    server, entry = nas
    coordinator = coordinator_of(entry)
    rid, counts = coordinator.maindata.rid, coordinator.maindata.counts()
    fired = async_capture_events(hass, EVENT_TORRENT)
    server.fail_next(mode, endpoint="sync/maindata")

    await poll(hass, entry)

    assert state_of(hass, "sensor.nas_torrents") == STATE_UNAVAILABLE
    assert (coordinator.maindata.rid, coordinator.maindata.counts()) == (rid, counts)
    problems = our_problems(caplog)
    assert len(problems) == 1
    message = problems[0].getMessage()
    assert "NAS sent an unexpected reply" in message
    assert explanation in message
    assert problems[0].exc_info is None

    server.add_torrent(hash=ARCH, name="Arch", state="downloading", progress=0.1)
    server.update_torrent(FEDORA, state="uploading", progress=1.0)
    await poll(hass, entry)

    assert server.requests_to("sync/maindata")[-1].params["rid"] == str(rid)
    assert counts_shown(hass) == {
        "torrents": "3",
        "downloading_torrents": "1",
        "seeding_torrents": "2",
        "stopped_torrents": "0",
    }
    assert sorted(await torrents_listed(hass)) == [DEBIAN, FEDORA, ARCH]
    assert [(event.data["type"], event.data["hash"]) for event in fired] == [
        ("added", ARCH),
        ("completed", FEDORA),
    ]


async def test_a_delta_for_a_torrent_never_listed_makes_a_full_resync(
    hass: HomeAssistant,
    nas: tuple[FakeQBittorrent, MockConfigEntry],
    caplog: pytest.LogCaptureFixture,
) -> None:
    """No nameless phantom torrent, no "added" event, no outage: everything is fetched again."""
    server, entry = nas
    fired = async_capture_events(hass, EVENT_TORRENT)
    server.fail_next("unknown_torrent_delta")

    await poll(hass, entry)

    rids = [request.params["rid"] for request in server.requests_to("sync/maindata")]
    assert rids[-2] != "0"
    assert rids[-1] == "0"
    assert sorted(await torrents_listed(hass)) == [DEBIAN, FEDORA]
    assert state_of(hass, "sensor.nas_torrents") == "2"
    assert state_of(hass, "binary_sensor.nas_connectivity") == STATE_ON
    assert fired == []
    assert our_problems(caplog) == []

    server.add_torrent(hash=ARCH, name="Arch", state="downloading")
    await poll(hass, entry)

    assert server.requests_to("sync/maindata")[-1].params["rid"] != "0"
    assert [(event.data["type"], event.data["hash"]) for event in fired] == [
        ("added", ARCH)
    ]


async def test_a_torrent_new_to_the_session_still_arrives_in_a_delta(
    hass: HomeAssistant, nas: tuple[FakeQBittorrent, MockConfigEntry]
) -> None:
    """The resync is only for partial torrents: a whole new one is merged as usual."""
    server, entry = nas
    server.add_torrent(hash=ARCH, name="Arch", state="downloading")

    await poll(hass, entry)

    rids = [request.params["rid"] for request in server.requests_to("sync/maindata")]
    assert "0" not in rids[1:]
    assert sorted(await torrents_listed(hass)) == [DEBIAN, FEDORA, ARCH]


async def test_a_huge_reply_is_still_a_reply(
    hass: HomeAssistant,
    nas: tuple[FakeQBittorrent, MockConfigEntry],
    caplog: pytest.LogCaptureFixture,
) -> None:
    """16 MB of valid JSON is merged like any reply; what is kept stays small."""
    server, entry = nas
    coordinator = coordinator_of(entry)
    received = coordinator.client.bytes_received
    server.add_torrent(hash=ARCH, name="Arch", state="downloading")
    server.fail_next("huge", endpoint="sync/maindata")

    await poll(hass, entry)

    assert coordinator.client.bytes_received - received > server.huge_bytes
    assert state_of(hass, "sensor.nas_torrents") == "3"
    assert our_problems(caplog) == []
    server.remove_torrent(ARCH)
    await poll(hass, entry)
    assert state_of(hass, "sensor.nas_torrents") == "2"
