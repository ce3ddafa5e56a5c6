"""The torrents subscription: a snapshot, then only what each poll changed."""

from __future__ import annotations

from collections import Counter
from typing import Any

from homeassistant.core import HomeAssistant
from pytest_homeassistant_custom_component.common import MockConfigEntry

from tests.components.action_calls import HASH_A, HASH_B, HASH_C, Server, call
from tests.components.server_entries import add_server, poll
from tests.components.subscriptions import TORRENTS, Subscriber
from tests.components.test_switcher import choose, state_of
from tests.fake_qbittorrent import FakeQBittorrent
from tests.live_fixtures import StartFakeQBittorrent


async def listed(hass: HomeAssistant, entry: MockConfigEntry) -> dict[str, Any]:
    """Hash -> torrent, as the get_torrents action lists a server's torrents."""
    response = await call(
        hass,
        "get_torrents",
        {"server": entry.entry_id, "limit": 10_000},
        response=True,
    )
    return {torrent["hash"]: torrent for torrent in response["torrents"]}


def without_card_fields(torrent: dict[str, Any]) -> dict[str, Any]:
    """A subscription's torrent less what only the card gets (server, counts)."""
    return {k: v for k, v in torrent.items() if k not in ("entry_id", "filters")}


async def two_servers(
    hass: HomeAssistant, fake_qbittorrent: StartFakeQBittorrent
) -> tuple[Server, Server]:
    """ "Alpha" with one torrent and "Beta" with two; Alpha is active."""
    alpha = await fake_qbittorrent("5.3")
    alpha.add_torrent(hash=HASH_A, name="Debian")
    beta = await fake_qbittorrent("4.5")
    beta.add_torrent(hash=HASH_A, name="Debian")
    beta.add_torrent(hash=HASH_B, name="Fedora")
    return (
        (alpha, await add_server(hass, alpha, "Alpha")),
        (beta, await add_server(hass, beta, "Beta")),
    )


async def change_download_speed(
    hass: HomeAssistant, server: FakeQBittorrent, entry: MockConfigEntry, speed: int
) -> None:
    """Torrent A downloads at a new speed, and the next poll sees it."""
    server.update_torrent(HASH_A, dlspeed=speed)
    await poll(hass, entry)


def speed_delta(entry: MockConfigEntry, speed: int) -> dict[str, Any]:
    """The delta a poll sends when torrent A's download speed alone changed."""
    return {
        "kind": "delta",
        "entry_id": entry.entry_id,
        "changed": [{"hash": HASH_A, "download_speed": speed}],
    }


async def test_a_server_subscription_starts_with_a_snapshot_in_the_get_torrents_shape(
    hass: HomeAssistant, nas: Server, subscriber: Subscriber
) -> None:
    """The snapshot lists the server and every torrent as get_torrents does."""
    _, entry = nas

    await subscriber.subscribe(TORRENTS, server=entry.entry_id)
    snapshot = await subscriber.event()

    assert snapshot["kind"] == "snapshot"
    assert snapshot["view"] == "server"
    assert snapshot["active_entry_id"] == entry.entry_id
    assert snapshot["servers"] == [
        {
            "entry_id": entry.entry_id,
            "name": "NAS",
            "color": None,
            "available": True,
            "error": None,
            "categories": ["linux"],
            "tags": ["iso"],
        }
    ]
    torrents = {t["hash"]: t for t in snapshot["torrents"]}
    assert {h: without_card_fields(t) for h, t in torrents.items()} == await listed(
        hass, entry
    )
    assert {t["entry_id"] for t in torrents.values()} == {entry.entry_id}


async def test_each_torrent_names_the_counts_the_sensors_put_it_in(
    hass: HomeAssistant, fake_qbittorrent: StartFakeQBittorrent, subscriber: Subscriber
) -> None:
    """Counting the snapshot's filters gives the torrent-count sensors' values."""
    server = await fake_qbittorrent("5.3")
    for state in ("downloading", "stalledDL", "uploading", "stoppedDL", "error"):
        server.add_torrent(name=state, state=state, upspeed=0)
    server.add_torrent(name="uploading stall", state="stalledDL", upspeed=100)
    entry = await add_server(hass, server)

    await subscriber.subscribe(TORRENTS, server=entry.entry_id)
    torrents = (await subscriber.event())["torrents"]

    counted = Counter(key for t in torrents for key in t["filters"])
    # The count sensors enabled by default.
    for key in ("downloading", "seeding", "stopped", "errored", "active"):
        assert counted[key] == int(state_of(hass, f"sensor.nas_{key}_torrents")), key
    assert len(torrents) == int(state_of(hass, "sensor.nas_torrents"))


async def test_a_poll_sends_only_the_fields_that_changed(
    hass: HomeAssistant, nas: Server, subscriber: Subscriber
) -> None:
    """One torrent's download speed changes: the delta is that torrent and that field."""
    server, entry = nas
    await subscriber.follow(TORRENTS, server=entry.entry_id)

    await change_download_speed(hass, server, entry, 1_048_576)

    assert await subscriber.events() == [speed_delta(entry, 1_048_576)]


async def test_a_new_state_comes_with_the_counts_it_is_in(
    hass: HomeAssistant, nas: Server, subscriber: Subscriber
) -> None:
    """A torrent that stops reports its state and its count filters, nothing else."""
    server, entry = nas
    await subscriber.follow(TORRENTS, server=entry.entry_id)

    server.update_torrent(HASH_B, state="stoppedDL")
    await poll(hass, entry)

    delta = await subscriber.event()
    assert delta["changed"] == [
        {"hash": HASH_B, "state": "stopped", "filters": ["downloading", "stopped"]}
    ]


async def test_a_stalled_download_that_starts_uploading_turns_active(
    hass: HomeAssistant, nas: Server, subscriber: Subscriber
) -> None:
    """Uploading moves a stalled download into the active count, as the sensors do."""
    server, entry = nas
    server.update_torrent(HASH_A, state="stalledDL", upspeed=0)
    await poll(hass, entry)
    await subscriber.follow(TORRENTS, server=entry.entry_id)

    server.update_torrent(HASH_A, upspeed=2048)
    await poll(hass, entry)

    delta = await subscriber.event()
    assert delta["changed"] == [
        {
            "hash": HASH_A,
            "upload_speed": 2048,
            "filters": ["downloading", "stalled", "active"],
        }
    ]
    assert state_of(hass, "sensor.nas_active_torrents") == "1"


async def test_added_and_removed_torrents_arrive_whole_and_by_hash(
    hass: HomeAssistant, nas: Server, subscriber: Subscriber
) -> None:
    """A new torrent comes with every field; a removed one is named by its hash."""
    server, entry = nas
    await subscriber.follow(TORRENTS, server=entry.entry_id)

    added = server.add_torrent(name="Ubuntu", category="linux", size=4000)
    server.remove_torrent(HASH_C)
    await poll(hass, entry)

    delta = await subscriber.event()
    assert set(delta) == {"kind", "entry_id", "added", "removed"}
    assert delta["removed"] == [HASH_C]
    [torrent] = delta["added"]
    assert torrent["entry_id"] == entry.entry_id
    assert torrent["filters"] == ["downloading", "stalled"]
    assert without_card_fields(torrent) == (await listed(hass, entry))[added]


async def test_new_categories_and_tags_come_whole_with_the_delta(
    hass: HomeAssistant, nas: Server, subscriber: Subscriber
) -> None:
    """Categories and tags are sent, whole and sorted, only when they changed."""
    server, entry = nas
    await subscriber.follow(TORRENTS, server=entry.entry_id)

    server.add_category("books")
    await poll(hass, entry)
    assert await subscriber.events() == [
        {"kind": "delta", "entry_id": entry.entry_id, "categories": ["books", "linux"]}
    ]

    server.update_torrent(HASH_B, tags="archive")
    await poll(hass, entry)
    delta = await subscriber.event()
    assert delta["tags"] == ["archive", "iso"]
    assert delta["changed"] == [{"hash": HASH_B, "tags": ["archive"]}]


async def test_a_poll_that_changed_nothing_sends_nothing(
    hass: HomeAssistant, nas: Server, subscriber: Subscriber
) -> None:
    """No change on the server, no message."""
    _, entry = nas
    await subscriber.follow(TORRENTS, server=entry.entry_id)

    await poll(hass, entry)

    assert await subscriber.events() == []


async def test_the_active_view_sends_a_new_snapshot_on_every_switch(
    hass: HomeAssistant, fake_qbittorrent: StartFakeQBittorrent, subscriber: Subscriber
) -> None:
    """Following the active server: Alpha's torrents, then Beta's after the switch."""
    (_, alpha), (_, beta) = await two_servers(hass, fake_qbittorrent)

    await subscriber.subscribe(TORRENTS)
    first = await subscriber.event()
    await choose(hass, "Beta")
    second = await subscriber.event()

    assert (first["view"], first["active_entry_id"]) == ("active", alpha.entry_id)
    assert [s["name"] for s in first["servers"]] == ["Alpha"]
    assert {t["entry_id"] for t in first["torrents"]} == {alpha.entry_id}
    assert second["kind"] == "snapshot"
    assert second["active_entry_id"] == beta.entry_id
    assert [s["name"] for s in second["servers"]] == ["Beta"]
    assert sorted(t["hash"] for t in second["torrents"]) == [HASH_A, HASH_B]


async def test_the_active_view_stops_following_the_server_left(
    hass: HomeAssistant, fake_qbittorrent: StartFakeQBittorrent, subscriber: Subscriber
) -> None:
    """After a switch, a poll of the previous server sends nothing."""
    (alpha_server, alpha), _ = await two_servers(hass, fake_qbittorrent)
    await subscriber.subscribe(TORRENTS, server="active")
    await choose(hass, "Beta")
    await subscriber.events()

    await change_download_speed(hass, alpha_server, alpha, 999)

    assert await subscriber.events() == []


async def test_the_all_view_holds_every_server_and_names_each_delta_s_server(
    hass: HomeAssistant, fake_qbittorrent: StartFakeQBittorrent, subscriber: Subscriber
) -> None:
    """Both servers' torrents, the same hash on each; a delta says whose it is."""
    (_, alpha), (beta_server, beta) = await two_servers(hass, fake_qbittorrent)

    await subscriber.subscribe(TORRENTS, server="all")
    snapshot = await subscriber.event()
    await change_download_speed(hass, beta_server, beta, 4096)

    assert snapshot["view"] == "all"
    assert [s["entry_id"] for s in snapshot["servers"]] == [
        alpha.entry_id,
        beta.entry_id,
    ]
    assert sorted((t["entry_id"], t["hash"]) for t in snapshot["torrents"]) == sorted(
        [(alpha.entry_id, HASH_A), (beta.entry_id, HASH_A), (beta.entry_id, HASH_B)]
    )
    assert await subscriber.events() == [speed_delta(beta, 4096)]


async def test_a_server_added_to_the_all_view_is_announced_then_its_torrents(
    hass: HomeAssistant, fake_qbittorrent: StartFakeQBittorrent, subscriber: Subscriber
) -> None:
    """A new server: a server event first, then a delta adding all its torrents."""
    await two_servers(hass, fake_qbittorrent)
    await subscriber.follow(TORRENTS, server="all")

    gamma_server = await fake_qbittorrent("5.1")
    gamma_server.add_torrent(hash=HASH_C, name="Arch")
    gamma = await add_server(hass, gamma_server, "Gamma")

    server_event, delta = await subscriber.events()
    assert server_event["kind"] == "server"
    assert server_event["server"]["entry_id"] == gamma.entry_id
    assert server_event["server"]["name"] == "Gamma"
    assert delta["kind"] == "delta"
    assert delta["entry_id"] == gamma.entry_id
    assert [t["hash"] for t in delta["added"]] == [HASH_C]


async def test_a_server_that_goes_down_and_comes_back_is_reported_both_times(
    hass: HomeAssistant, nas: Server, subscriber: Subscriber
) -> None:
    """Down: unavailable with the reason, by name; back: available, then its changes."""
    server, entry = nas
    await subscriber.follow(TORRENTS, server=entry.entry_id)

    server.mode = "status_502"
    await poll(hass, entry)
    down = await subscriber.event()
    server.mode = None
    await change_download_speed(hass, server, entry, 77)
    back, delta = await subscriber.events()

    assert down["kind"] == "server"
    assert down["server"]["available"] is False
    assert "502" in down["server"]["error"]
    assert down["server"]["error"].startswith("NAS ")
    assert server.url not in down["server"]["error"]
    assert back["server"]["available"] is True
    assert back["server"]["error"] is None
    assert delta == speed_delta(entry, 77)


async def test_a_renamed_or_recoloured_server_is_described_again(
    hass: HomeAssistant, nas: Server, subscriber: Subscriber
) -> None:
    """A new name or colour reaches the subscriber as a server event."""
    _, entry = nas
    await subscriber.follow(TORRENTS, server="all")

    hass.config_entries.async_update_entry(entry, title="Attic")
    await hass.async_block_till_done()
    renamed = await subscriber.event()
    hass.config_entries.async_update_entry(entry, options={"color": "#4CAF50"})
    await hass.async_block_till_done()
    recoloured = await subscriber.event()

    assert renamed["server"]["name"] == "Attic"
    assert recoloured["server"]["color"] == "#4caf50"


async def test_a_reloaded_server_is_removed_then_announced_with_its_torrents(
    hass: HomeAssistant, nas: Server, subscriber: Subscriber
) -> None:
    """Unloading takes its torrents away; loading again brings them back whole."""
    _, entry = nas
    await subscriber.follow(TORRENTS, server=entry.entry_id)

    await hass.config_entries.async_reload(entry.entry_id)
    await hass.async_block_till_done()

    removed, server_event, delta = await subscriber.events()
    assert removed == {"kind": "server_removed", "entry_id": entry.entry_id}
    assert server_event["server"]["available"] is True
    assert sorted(t["hash"] for t in delta["added"]) == [HASH_A, HASH_B, HASH_C]


async def test_a_deleted_server_is_removed_and_the_active_view_moves_on(
    hass: HomeAssistant, fake_qbittorrent: StartFakeQBittorrent, subscriber: Subscriber
) -> None:
    """Deleting the active server: it is removed, then the next one's snapshot comes."""
    (_, alpha), (_, beta) = await two_servers(hass, fake_qbittorrent)
    await subscriber.follow(TORRENTS)

    await hass.config_entries.async_remove(alpha.entry_id)
    await hass.async_block_till_done()

    removed, snapshot = await subscriber.events()
    assert removed == {"kind": "server_removed", "entry_id": alpha.entry_id}
    assert snapshot["kind"] == "snapshot"
    assert snapshot["active_entry_id"] == beta.entry_id


async def test_a_server_not_loaded_is_described_with_the_reason(
    hass: HomeAssistant, nas: Server, subscriber: Subscriber
) -> None:
    """A named server that is not loaded: no torrents, and why; loading brings them."""
    _, entry = nas
    await hass.config_entries.async_unload(entry.entry_id)
    await hass.async_block_till_done()

    await subscriber.subscribe(TORRENTS, server=entry.entry_id)
    snapshot = await subscriber.event()
    await hass.config_entries.async_setup(entry.entry_id)
    await hass.async_block_till_done()
    server_event, delta = await subscriber.events()

    assert snapshot["torrents"] == []
    [described] = snapshot["servers"]
    assert described["available"] is False
    assert "NAS is not loaded" in described["error"]
    assert server_event["server"]["available"] is True
    assert len(delta["added"]) == 3


async def test_a_deleted_server_leaves_its_subscription_empty(
    hass: HomeAssistant, nas: Server, subscriber: Subscriber
) -> None:
    """The named server is removed; the active view has no server left to show."""
    _, entry = nas
    await subscriber.subscribe(TORRENTS, server=entry.entry_id)
    await subscriber.subscribe(TORRENTS, server="active")
    await subscriber.events()

    await hass.config_entries.async_remove(entry.entry_id)
    await hass.async_block_till_done()

    events = await subscriber.events()
    removed = {"kind": "server_removed", "entry_id": entry.entry_id}
    assert events.count(removed) == 2
    [snapshot] = [event for event in events if event["kind"] == "snapshot"]
    assert snapshot["active_entry_id"] is None
    assert (snapshot["servers"], snapshot["torrents"]) == ([], [])
