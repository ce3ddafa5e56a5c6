"""The fleet subscription: every server's health and figures, pushed when they change."""

from __future__ import annotations

from typing import Any

from homeassistant.core import HomeAssistant
import pytest
from pytest_homeassistant_custom_component.typing import WebSocketGenerator

from tests.components.action_calls import Server
from tests.components.server_entries import add_server, poll
from tests.components.subscriptions import SERVERS, Subscriber
from tests.components.test_switcher import choose, state_of
from tests.live_fixtures import StartFakeQBittorrent

# Frozen time: a poll's response time is the same every time, so that a poll
# that changes nothing on the server changes nothing in the fleet either.
pytestmark = pytest.mark.usefixtures("freezer")


@pytest.fixture
async def servers(
    hass: HomeAssistant, fake_qbittorrent: StartFakeQBittorrent
) -> tuple[Server, Server]:
    """ "Alpha" (5.3, two torrents, active) and "Beta" (4.5, one torrent)."""
    alpha = await fake_qbittorrent("5.3")
    alpha.set_server_state(dl_info_speed=2048, up_info_speed=512)
    alpha.add_torrent(name="Debian", state="downloading")
    alpha.add_torrent(name="Fedora", state="uploading")
    beta = await fake_qbittorrent("4.5")
    beta.add_torrent(name="Arch", state="pausedDL")
    return (
        (alpha, await add_server(hass, alpha, "Alpha")),
        (beta, await add_server(hass, beta, "Beta")),
    )


def row(event: dict[str, Any], name: str) -> dict[str, Any]:
    """One server's row of a fleet message."""
    servers: list[dict[str, Any]] = event["servers"]
    [found] = [server for server in servers if server["name"] == name]
    return found


async def test_the_fleet_comes_first_with_what_the_entities_show(
    hass: HomeAssistant, servers: tuple[Server, Server], subscriber: Subscriber
) -> None:
    """Every server in the select's order, with health, version, speeds and counts."""
    (_, alpha), (_, beta) = servers

    await subscriber.subscribe(SERVERS)
    fleet = await subscriber.event()

    assert fleet["kind"] == "fleet"
    assert fleet["active_entry_id"] == alpha.entry_id
    assert [(s["entry_id"], s["active"]) for s in fleet["servers"]] == [
        (alpha.entry_id, True),
        (beta.entry_id, False),
    ]
    first = row(fleet, "Alpha")
    assert first["color"] is None
    assert (first["loaded"], first["available"]) == (True, True)
    assert first["health"] == state_of(hass, "sensor.alpha_health")
    assert first["response_time_ms"] == float(
        state_of(hass, "sensor.alpha_response_time")
    )
    assert first["version"] == "v5.3.0"
    assert (first["download_speed"], first["upload_speed"]) == (2048, 512)
    assert first["counts"] == {
        "total": 2,
        "downloading": 1,
        "seeding": 1,
        "stopped": 0,
        "stalled": 0,
        "checking": 0,
        "queued": 0,
        "errored": 0,
        "active": 2,
    }
    assert row(fleet, "Beta")["counts"]["stopped"] == int(
        state_of(hass, "sensor.beta_stopped_torrents")
    )


async def test_a_poll_that_changes_a_figure_pushes_the_fleet_once(
    hass: HomeAssistant, servers: tuple[Server, Server], subscriber: Subscriber
) -> None:
    """New speeds and a new torrent in one poll: one message with all of it."""
    (alpha_server, alpha), _ = servers
    await subscriber.follow(SERVERS)

    alpha_server.set_server_state(dl_info_speed=9000)
    alpha_server.add_torrent(name="Ubuntu", state="downloading")
    await poll(hass, alpha)

    fleet = await subscriber.event()
    assert row(fleet, "Alpha")["download_speed"] == 9000
    assert row(fleet, "Alpha")["counts"]["total"] == 3


async def test_every_card_gets_the_fleet_until_it_leaves(
    hass: HomeAssistant,
    servers: tuple[Server, Server],
    subscriber: Subscriber,
    hass_ws_client: WebSocketGenerator,
) -> None:
    """Two cards are each sent every change; one leaving does not stop the other."""
    (alpha_server, alpha), _ = servers
    other = Subscriber(lambda: hass_ws_client(hass))
    leaving = await subscriber.subscribe(SERVERS)
    await other.subscribe(SERVERS)
    first, other_first = await subscriber.events(), await other.events()

    alpha_server.set_server_state(dl_info_speed=9000)
    await poll(hass, alpha)
    both = await subscriber.events(), await other.events()
    await subscriber.unsubscribe(leaving)
    alpha_server.set_server_state(dl_info_speed=7000)
    await poll(hass, alpha)

    assert first == other_first
    assert both[0] == both[1]
    assert [row(fleet, "Alpha")["download_speed"] for fleet in both[0]] == [9000]
    assert await subscriber.events() == []
    assert [
        row(fleet, "Alpha")["download_speed"] for fleet in await other.events()
    ] == [7000]


async def test_a_poll_that_changes_nothing_pushes_nothing(
    hass: HomeAssistant, servers: tuple[Server, Server], subscriber: Subscriber
) -> None:
    """The fleet is compared with what this subscriber was last sent."""
    (_, alpha), (_, beta) = servers
    await subscriber.follow(SERVERS)

    await poll(hass, alpha)
    await poll(hass, beta)

    assert await subscriber.events() == []


async def test_switching_moves_the_active_mark(
    hass: HomeAssistant, servers: tuple[Server, Server], subscriber: Subscriber
) -> None:
    """Choosing Beta in the select: Beta is active in the next message."""
    _, (_, beta) = servers
    await subscriber.follow(SERVERS)

    await choose(hass, "Beta")

    fleet = await subscriber.event()
    assert fleet["active_entry_id"] == beta.entry_id
    assert [s["active"] for s in fleet["servers"]] == [False, True]


async def test_a_server_that_is_down_has_no_figures(
    hass: HomeAssistant, servers: tuple[Server, Server], subscriber: Subscriber
) -> None:
    """Down: unavailable, its health says so, no speeds or counts (like its sensors)."""
    (alpha_server, alpha), _ = servers
    await subscriber.follow(SERVERS)

    alpha_server.mode = "status_502"
    await poll(hass, alpha)

    down = row(await subscriber.event(), "Alpha")
    assert (down["loaded"], down["available"]) == (True, False)
    assert down["health"] == "warning"
    assert (down["download_speed"], down["upload_speed"], down["counts"]) == (0, 0, {})


async def test_a_server_not_loaded_is_listed_as_such(
    hass: HomeAssistant, servers: tuple[Server, Server], subscriber: Subscriber
) -> None:
    """An unloaded server stays in the fleet, not loaded, without health."""
    _, (_, beta) = servers
    await subscriber.follow(SERVERS)

    await hass.config_entries.async_unload(beta.entry_id)
    await hass.async_block_till_done()

    unloaded = row((await subscriber.events())[-1], "Beta")
    assert unloaded["loaded"] is False
    assert unloaded["available"] is False
    assert unloaded["health"] is None
    assert unloaded["response_time_ms"] is None


@pytest.mark.parametrize(
    ("stored", "sent"),
    [("#03A9F4", "#03a9f4"), ("teal", None)],
    ids=["a colour is sent as #rrggbb", "no colour is left to the card"],
)
async def test_a_server_s_colour_is_in_the_fleet(
    hass: HomeAssistant,
    servers: tuple[Server, Server],
    subscriber: Subscriber,
    stored: str,
    sent: str | None,
) -> None:
    """The colour option of a server, as "#rrggbb"; one that is not a colour is none."""
    (_, alpha), _ = servers
    hass.config_entries.async_update_entry(alpha, options={"color": stored})
    await hass.async_block_till_done()

    await subscriber.subscribe(SERVERS)

    assert row(await subscriber.event(), "Alpha")["color"] == sent
